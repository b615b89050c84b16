package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;

/**
 * Third-party plugins that go wrong in every way the issue lists: each is reported with its name
 * and reason and skipped, and the server still starts and serves. The odd plugins are built here,
 * from source, with javac and jar.
 */
class PluginFailureTest {

    private static final Config LOOPBACK = Config.of(Map.of("host", "127.0.0.1", "port", "0"));

    @TempDir
    Path temp;

    private Path plugins;

    @BeforeEach
    void corePlugins() throws Exception {
        plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
    }

    /** Starts a server on the directory, checks it still serves a login, and returns its failures. */
    private List<PluginFailure> startAndServe(java.util.function.Consumer<ParleyClient> also) throws Exception {
        PluginScanner.Result found = PluginLoader.load(plugins);
        try (ParleyServer server = ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
             ParleyClient client = TestPlugins.connect(server.address().getPort())) {
            assertThat(client.login("survivor").texts("rooms")).contains("room1");
            also.accept(client);
            return server.failures();
        }
    }

    private List<PluginFailure> startAndServe() throws Exception {
        return startAndServe(c -> { });
    }

    @Test
    void aProviderWhoseConstructorThrows() throws Exception {
        PluginBuilder.in(temp)
                .source("module-info.java", PluginBuilder.moduleProvidingCommand("bad.ctor", "bad.ctor.Boom"))
                .source("bad/ctor/Boom.java", PluginBuilder.command("bad.ctor", "Boom", "BOOM", "\"x\"",
                        "public Boom() { throw new IllegalStateException(\"cannot find my config\"); }"))
                .jar(plugins.resolve("bad-ctor.jar"));
        assertThat(startAndServe()).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("bad.ctor");
            assertThat(f.reason()).contains("cannot create its providers").contains("cannot find my config");
        });
    }

    @Test
    void aFeatureWhoseStartThrowsHasNoneOfItsVerbs() throws Exception {
        PluginBuilder.in(temp)
                .source("module-info.java", "module bad.start { requires parley.api;"
                        + " provides parley.api.spi.ServerFeature with bad.start.Feature;"
                        + " provides parley.api.spi.Command with bad.start.Hello; }")
                .source("bad/start/Feature.java", "package bad.start; public final class Feature implements parley.api.spi.ServerFeature {"
                        + " public void start(parley.api.ServerContext c) { throw new IllegalStateException(\"no database at db:5432\"); } }")
                .source("bad/start/Hello.java", PluginBuilder.command("bad.start", "Hello", "HELLO", "\"hi\"", ""))
                .jar(plugins.resolve("bad-start.jar"));
        List<PluginFailure> failures = startAndServe(client -> assertThat(
                client.call(Message.of("HELLO"), TestPlugins.LONG).text("reason")).startsWith("unknown type 'HELLO'"));
        assertThat(failures).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("bad.start");
            assertThat(f.reason()).contains("failed to start").contains("no database at db:5432");
        });
    }

    @Test
    void aPluginBuiltForAnotherKernelApiVersion() throws Exception {
        PluginBuilder.in(temp)
                .source("module-info.java", "module old.api { requires parley.api;"
                        + " provides parley.api.spi.PluginInfo with old.api.Info;"
                        + " provides parley.api.spi.Command with old.api.Hi; }")
                .source("old/api/Info.java", "package old.api; public final class Info implements parley.api.spi.PluginInfo {"
                        + " public String name() { return \"old\"; } public int apiVersion() { return 99; } }")
                .source("old/api/Hi.java", PluginBuilder.command("old.api", "Hi", "HI", "\"hi\"", ""))
                .jar(plugins.resolve("old-api.jar"));
        assertThat(startAndServe()).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("old.api");
            assertThat(f.reason()).contains("kernel API version 99")
                    .contains("plugins built for API " + parley.api.ApiVersion.range()).contains("rebuild the plugin");
        });
    }

    @Test
    void aPluginThatNeedsAModuleNobodyHas() throws Exception {
        Path lib = PluginBuilder.in(temp)
                .source("module-info.java", "module needed.lib { exports needed.lib; }")
                .source("needed/lib/Thing.java", "package needed.lib; public final class Thing { }")
                .jar(temp.resolve("needed-lib.jar"));
        PluginBuilder.in(temp).against(lib)
                .source("module-info.java", "module needs.lib { requires parley.api; requires needed.lib;"
                        + " provides parley.api.spi.Command with needs.lib.Hi; }")
                .source("needs/lib/Hi.java", PluginBuilder.command("needs.lib", "Hi", "HI", "\"hi\"", ""))
                .jar(plugins.resolve("needs-lib.jar")); // dropped without its library
        assertThat(startAndServe()).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("needs-lib.jar");
            assertThat(f.reason()).contains("needed.lib").contains("not found");
        });
    }

    @Test
    void aPluginFolderWithASplitPackage() throws Exception {
        Path folder = Files.createDirectories(plugins.resolve("split"));
        PluginBuilder.in(temp)
                .source("module-info.java", PluginBuilder.moduleProvidingCommand("split.one", "shared.pkg.One"))
                .source("shared/pkg/One.java", PluginBuilder.command("shared.pkg", "One", "ONE", "\"1\"", ""))
                .jar(folder.resolve("one.jar"));
        PluginBuilder.in(temp)
                .source("module-info.java", PluginBuilder.moduleProvidingCommand("split.two", "shared.pkg.Two"))
                .source("shared/pkg/Two.java", PluginBuilder.command("shared.pkg", "Two", "TWO", "\"2\"", ""))
                .jar(folder.resolve("two.jar"));
        assertThat(startAndServe()).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("split");
            assertThat(f.reason()).contains("shared.pkg");
        });
    }

    @Test
    void twoPluginsWithTheSameVerbTheFirstWinsAndTheOtherIsNamed() throws Exception {
        for (String who : List.of("a", "b")) {
            PluginBuilder.in(temp)
                    .source("module-info.java", PluginBuilder.moduleProvidingCommand("say." + who, "say." + who + ".Say"))
                    .source("say/" + who + "/Say.java", PluginBuilder.command("say." + who, "Say", "SAY", "\"" + who + "\"", ""))
                    .jar(plugins.resolve("say-" + who + ".jar"));
        }
        List<PluginFailure> failures = startAndServe(client ->
                assertThat(client.call(Message.of("SAY"), TestPlugins.LONG).text("said")).isEqualTo("a"));
        assertThat(failures).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("say.b");
            assertThat(f.reason()).contains("verb SAY refused").contains("plugin say.a already provides it");
        });
    }

    @Test
    void aPluginThatNeedsAMissingPlugin() throws Exception {
        PluginBuilder.in(temp)
                .source("module-info.java", "module lonely { requires parley.api;"
                        + " provides parley.api.spi.PluginInfo with lonely.Info;"
                        + " provides parley.api.spi.Command with lonely.Hi; }")
                .source("lonely/Info.java", "package lonely; public final class Info implements parley.api.spi.PluginInfo {"
                        + " public String name() { return \"lonely\"; } public int apiVersion() { return parley.api.ApiVersion.CURRENT; }"
                        + " public java.util.List<String> requires() { return java.util.List.of(\"friend\"); } }")
                .source("lonely/Hi.java", PluginBuilder.command("lonely", "Hi", "HI", "\"hi\"", ""))
                .jar(plugins.resolve("lonely.jar"));
        assertThat(startAndServe()).anySatisfy(f -> {
            assertThat(f.plugin()).isEqualTo("lonely");
            assertThat(f.reason()).contains("needs plugin 'friend'");
        });
    }

    @Test
    void anAutomaticModuleJarWorks() throws Exception {
        PluginBuilder.in(temp)
                .source("auto/hello/Hello.java", PluginBuilder.command("auto.hello", "Hello", "HELLO", "\"from an automatic module\"", ""))
                .resource("META-INF/services/parley.api.spi.Command", "auto.hello.Hello\n")
                .jar(plugins.resolve("auto-hello.jar"));
        List<PluginFailure> failures = startAndServe(client -> assertThat(
                client.call(Message.of("HELLO"), TestPlugins.LONG).text("said")).isEqualTo("from an automatic module"));
        assertThat(failures).isEmpty();
    }

    @Test
    void twoPluginsBringTwoVersionsOfTheSameLibrary() throws Exception {
        for (String version : List.of("1", "2")) {
            Path folder = Files.createDirectories(plugins.resolve("greeter-" + version));
            Path lib = PluginBuilder.in(temp)
                    .source("module-info.java", "module greet.lib { exports greet.lib; }")
                    .source("greet/lib/Greeting.java", "package greet.lib; public final class Greeting {"
                            + " public static String text() { return \"hello from library v" + version + "\"; } }")
                    .jar(folder.resolve("greet-lib-" + version + ".jar"));
            PluginBuilder.in(temp).against(lib)
                    .source("module-info.java", "module greeter.v" + version + " { requires parley.api; requires greet.lib;"
                            + " provides parley.api.spi.Command with greeter.v" + version + ".Greet; }")
                    .source("greeter/v" + version + "/Greet.java", PluginBuilder.command("greeter.v" + version, "Greet",
                            "GREET" + version, "greet.lib.Greeting.text()", ""))
                    .jar(folder.resolve("greeter-" + version + ".jar"));
        }
        List<PluginFailure> failures = startAndServe(client -> {
            assertThat(client.call(Message.of("GREET1"), TestPlugins.LONG).text("said")).isEqualTo("hello from library v1");
            assertThat(client.call(Message.of("GREET2"), TestPlugins.LONG).text("said")).isEqualTo("hello from library v2");
        });
        assertThat(failures).isEmpty();
    }

    @Test
    void aHandlerThatThrowsAnswersErrorNamingThePluginAndTheConnectionStays() throws Exception {
        PluginBuilder.in(temp)
                .source("module-info.java", PluginBuilder.moduleProvidingCommand("flaky", "flaky.Flaky"))
                .source("flaky/Flaky.java", "package flaky; public final class Flaky implements parley.api.spi.Command {"
                        + " public String verb() { return \"FLAKY\"; } public boolean requiresLogin() { return false; }"
                        + " public void handle(parley.api.Request r) { throw new ArrayIndexOutOfBoundsException(\"bug\"); } }")
                .jar(plugins.resolve("flaky.jar"));
        startAndServe(client -> {
            Message error = client.call(Message.of("FLAKY"), TestPlugins.LONG);
            assertThat(error.type()).isEqualTo("ERROR");
            assertThat(error.text("reason")).contains("internal error in FLAKY").contains("plugin flaky");
            assertThat(client.call(Message.of("PING"), TestPlugins.LONG).type()).isEqualTo("PONG");
        });
    }

    @Test
    void thePluginsVerbListsWhatLoadedAndWhatFailed() throws Exception {
        Files.write(plugins.resolve("garbage.jar"), new byte[] {1, 2, 3});
        startAndServe(client -> {
            Message list = client.call(Message.of("PLUGINS"), TestPlugins.LONG);
            assertThat(list.texts("lines")).anyMatch(l -> l.startsWith("rooms ") && l.contains("verbs JOIN_ROOM")
                    && l.contains("client /join /leave /rooms /who"));
            assertThat(list.texts("lines")).anyMatch(l -> l.startsWith("FAILED garbage.jar"));
            assertThat(list.get("failed").get(0).get("plugin").asString()).isEqualTo("garbage.jar");
        });
    }
}
