package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;

/** Hot reload: plugins loaded, replaced and unloaded while the server runs, without harming clients. */
class HotReloadTest {

    private static final Config LOOPBACK = Config.of(Map.of("host", "127.0.0.1", "port", "0"));

    @TempDir
    Path temp;

    private static ParleyServer start(Path plugins) throws Exception {
        PluginScanner.Result found = PluginLoader.load(plugins);
        return ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
    }

    private Path helloJar(String name, String said) throws Exception {
        return PluginBuilder.in(temp)
                .source("module-info.java", PluginBuilder.moduleProvidingCommand("hello", "hello.Hello"))
                .source("hello/Hello.java", PluginBuilder.command("hello", "Hello", "HELLO", "\"" + said + "\"", ""))
                .jar(temp.resolve(name));
    }

    @Test
    void theWatcherLoadsReplacesAndUnloadsAsJarsComeAndGo() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        List<String> lines = new ArrayList<>();
        try (ParleyServer server = start(plugins);
             ParleyClient client = TestPlugins.connect(server.address().getPort());
             PluginWatcher watcher = new PluginWatcher(plugins, server, lines::add)) {
            client.login("watcher");
            assertThat(client.call(Message.of("HELLO"), TestPlugins.LONG).type()).isEqualTo("ERROR");

            Files.copy(helloJar("v1.jar", "one"), plugins.resolve("hello.jar"));
            watcher.scan(); // seen once: it may still be being copied
            assertThat(client.call(Message.of("HELLO"), TestPlugins.LONG).type()).isEqualTo("ERROR");
            watcher.scan(); // the same twice: loaded
            assertThat(client.call(Message.of("HELLO"), TestPlugins.LONG).text("said")).isEqualTo("one");
            assertThat(lines).anyMatch(l -> l.startsWith("plugin hello") && l.contains("verbs HELLO") && l.contains("loaded"));

            Path v2 = helloJar("v2.jar", "two");
            Files.copy(v2, plugins.resolve("hello.jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.setLastModifiedTime(plugins.resolve("hello.jar"),
                    java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            watcher.scan();
            watcher.scan();
            assertThat(client.call(Message.of("HELLO"), TestPlugins.LONG).text("said")).isEqualTo("two");

            Files.delete(plugins.resolve("hello.jar"));
            watcher.scan();
            Message gone = client.call(Message.of("HELLO"), TestPlugins.LONG);
            assertThat(gone.type()).isEqualTo("ERROR");
            assertThat(gone.text("reason")).startsWith("unknown type 'HELLO'");
            assertThat(lines).contains("plugin hello unloaded");
            assertThat(client.isOpen()).isTrue();
            assertThat(client.call(Message.of("JOIN_ROOM").put("room", "room1"), TestPlugins.LONG).type()).isEqualTo("OK");
        }
    }

    @Test
    void aCallInProgressFinishesBeforeItsPluginIsUnloaded() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP);
        PluginBuilder.in(temp)
                .source("module-info.java", PluginBuilder.moduleProvidingCommand("slow", "slow.Slow"))
                .source("slow/Slow.java", "package slow; public final class Slow implements parley.api.spi.Command {"
                        + " public String verb() { return \"SLOW\"; } public boolean requiresLogin() { return false; }"
                        + " public void handle(parley.api.Request r) {"
                        + "   r.session().send(parley.api.Message.of(\"STARTED\"));"
                        + "   java.util.concurrent.locks.LockSupport.parkNanos(1_000_000_000L);" // a slow plugin, on purpose
                        + "   r.ok(); } }")
                .jar(plugins.resolve("slow.jar"));
        try (ParleyServer server = start(plugins);
             ParleyClient client = TestPlugins.connect(server.address().getPort())) {
            CompletableFuture<Message> reply = client.request(Message.of("SLOW"));
            client.awaitPush("STARTED", TestPlugins.LONG);
            assertThat(server.unload("slow")).containsExactly("slow"); // returns once the call is done
            assertThat(reply.get(30, java.util.concurrent.TimeUnit.SECONDS).type()).isEqualTo("OK");
            assertThat(client.call(Message.of("SLOW"), TestPlugins.LONG).text("reason")).startsWith("unknown type 'SLOW'");
        }
    }

    @Test
    void unloadingAPluginUnloadsThoseThatNeedItAndEndsTheirSequences() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.VOTE);
        try (ParleyServer server = start(plugins);
             ParleyClient alice = TestPlugins.connect(server.address().getPort());
             ParleyClient bob = TestPlugins.connect(server.address().getPort())) {
            alice.login("alice");
            bob.login("bob");
            alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
            bob.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
            var vote = alice.beginSequence("VOTE", "room1", parley.api.wire.Json.object().put("question", "Reload?"),
                    TestPlugins.LONG);
            assertThat(vote.ack().get().type()).isEqualTo("ACK");
            assertThat(server.unload("rooms")).containsExactly("vote", "rooms");
            assertThatThrownBy(() -> vote.await(TestPlugins.LONG)).hasMessageContaining("plugin vote was unloaded");
            assertThat(server.verbs()).doesNotContain("JOIN_ROOM", "VOTE").contains("LOGIN"); // LOGIN is the kernel's
            assertThat(server.plugins()).extracting(p -> p.name()).containsExactly("tcp");
            assertThatThrownBy(() -> server.unload("tcp")).hasMessageContaining("cannot be unloaded while the server runs");
        }
    }

    @Test
    void anUnloadedPluginsClassesCanBeCollected() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP);
        Files.copy(helloJar("gc.jar", "collect me"), plugins.resolve("hello.jar"));
        List<WeakReference<ClassLoader>> loader = new ArrayList<>();
        try (ParleyServer server = startRememberingLoader(plugins, "hello", loader);
             ParleyClient client = TestPlugins.connect(server.address().getPort())) {
            assertThat(client.call(Message.of("HELLO"), TestPlugins.LONG).text("said")).isEqualTo("collect me");
            assertThat(loader.get(0).get()).isNotNull();
            server.unload("hello");
            assertThat(client.call(Message.of("HELLO"), TestPlugins.LONG).type()).isEqualTo("ERROR");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                System.gc();
                return loader.get(0).get() == null;
            });
            assertThat(client.call(Message.of("PING"), TestPlugins.LONG).type()).isEqualTo("PONG");
        }
    }

    /** Starts a server and keeps only a weak reference to one plugin's class loader. */
    private static ParleyServer startRememberingLoader(Path plugins, String name, List<WeakReference<ClassLoader>> out)
            throws Exception {
        PluginScanner.Result found = PluginLoader.load(plugins);
        Plugin plugin = found.plugins().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
        out.add(new WeakReference<>(plugin.module().getClassLoader()));
        return ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
    }
}
