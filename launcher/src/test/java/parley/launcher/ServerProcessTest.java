package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;

/** {@code parley server} as a real process. */
class ServerProcessTest {

    @TempDir
    Path temp;

    @Test
    void theServersItStartsGetTheLaunchersJvmOptionsFile() throws Exception {
        Path options = Files.writeString(temp.resolve("jvm.options"), "-XX:MaxTenuringThreshold=3\n");
        String before = System.getProperty("parley.jvm-options");
        try {
            System.setProperty("parley.jvm-options", options.toString());
            assertThat(ServerProcess.jvmOptions()).isEqualTo("@" + options);
            System.setProperty("parley.jvm-options", temp.resolve("missing.options").toString());
            assertThat(ServerProcess.jvmOptions()).as("no such file: the one option that matters")
                    .isEqualTo("-XX:+ExitOnOutOfMemoryError");
            System.clearProperty("parley.jvm-options");
            assertThat(ServerProcess.jvmOptions()).isEqualTo("-XX:+ExitOnOutOfMemoryError");
        } finally {
            if (before == null) {
                System.clearProperty("parley.jvm-options");
            } else {
                System.setProperty("parley.jvm-options", before);
            }
        }
    }

    @Test
    void printsOneListeningLineAndWhatItLoadedThenServesAndStopsOnSigterm() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--host", "127.0.0.1",
                "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).filteredOn(l -> l.startsWith("listening on")).containsExactly("listening on 127.0.0.1:" + port);
            assertThat(server.stdout()).anyMatch(l -> l.contains("plugin rooms"));
            assertThat(server.stdout()).anyMatch(l -> l.startsWith("verbs:") && l.contains("JOIN_ROOM") && l.contains("MSG"));
            try (ParleyClient alice = TestPlugins.connect(port);
                 ParleyClient bob = TestPlugins.connect(port)) {
                alice.login("alice");
                bob.login("bob");
                alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                bob.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                bob.expect(Message.of("MSG").put("room", "room1").put("msg", "hi alice"), "OK");
                assertThat(alice.awaitPush("MSG", TestPlugins.LONG).text("msg")).isEqualTo("hi alice");

                server.terminate();
                assertThat(alice.awaitPush("SHUTDOWN", TestPlugins.LONG).text("reason")).contains("shutting down");
                server.waitFor(TestPlugins.LONG);
                assertThat(alice.closed().get(30, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            }
        }
    }

    @Test
    void secondServerWithoutTheRoomsJarHasNoJoinRoom() throws Exception {
        Path full = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        Path partial = TestPlugins.directory(temp, TestPlugins.TCP);
        try (LauncherProcess first = LauncherProcess.start("server", "--port", "0", "--plugins", full.toString());
             LauncherProcess second = LauncherProcess.start("server", "--port", "0", "--plugins", partial.toString())) {
            int firstPort = first.awaitListening(TestPlugins.LONG);
            int secondPort = second.awaitListening(TestPlugins.LONG);
            assertThat(second.stdout()).noneMatch(l -> l.contains("plugin rooms"));
            try (ParleyClient a = TestPlugins.connect(firstPort); ParleyClient b = TestPlugins.connect(secondPort)) {
                a.login("a");
                assertThat(a.call(Message.of("JOIN_ROOM").put("room", "room1"), TestPlugins.LONG).type()).isEqualTo("OK");
                Message reply = b.call(Message.of("JOIN_ROOM").put("room", "room1"), TestPlugins.LONG);
                assertThat(reply.type()).isEqualTo("ERROR");
                assertThat(reply.text("reason")).startsWith("unknown type 'JOIN_ROOM'");
            }
        }
    }

    @Test
    void brokenPluginIsListedAndTheServerStillServes() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        Files.write(plugins.resolve("broken.jar"), new byte[] {'n', 'o', 'p', 'e'});
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).anyMatch(l -> l.contains("FAILED broken.jar"));
            try (ParleyClient client = TestPlugins.connect(port)) {
                assertThat(client.login("dora").texts("rooms")).contains("room1");
            }
        }
    }

    @Test
    void strictModeRefusesToStartWithABrokenPlugin() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        Files.write(plugins.resolve("broken.jar"), new byte[] {'n', 'o', 'p', 'e'});
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins-strict",
                "--plugins", plugins.toString())) {
            assertThat(server.waitFor(TestPlugins.LONG)).isEqualTo(1);
            assertThat(String.join("\n", server.stderr())).contains("--plugins-strict").contains("broken.jar");
        }
    }

    @Test
    void badSettingStopsWithAMessageNamingIt() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP);
        try (LauncherProcess server = LauncherProcess.start("server", "--plugins", plugins.toString(),
                "--set", "max-frame-bytes=huge")) {
            assertThat(server.waitFor(TestPlugins.LONG)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr())).contains("setting 'max-frame-bytes'").contains("1MiB");
        }
    }

    @Test
    void aMisspeltSettingIsReportedWithTheClosestKey() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString(),
                "--set", "max-frame-byte=2MiB", "--set", "rooms=a,b")) {
            server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).anyMatch(l -> l.contains("WARNING unknown setting 'max-frame-byte'")
                    && l.contains("did you mean 'max-frame-bytes'"));
            assertThat(server.stdout()).noneMatch(l -> l.contains("'rooms'"));
        }
    }

    @Test
    void noTransportIsExplained() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            assertThat(server.waitFor(TestPlugins.LONG)).isEqualTo(1);
            assertThat(String.join("\n", server.stderr())).contains("no server transport").contains("transport-tcp");
        }
    }

    @Test
    void helpListsTheOptionsAndSettings() throws Exception {
        try (LauncherProcess help = LauncherProcess.start("server", "--help")) {
            assertThat(help.waitFor(TestPlugins.LONG)).isZero();
            String text = String.join("\n", help.stdout());
            assertThat(text).contains("--port").contains("--plugins").contains("--rooms").contains("max-frame-bytes")
                    .contains("keepalive").contains("idle-timeout");
        }
    }

    @Test
    void helpListsThePluginsSettingsToo() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess help = LauncherProcess.start("server", "--plugins", plugins.toString(), "--help")) {
            assertThat(help.waitFor(TestPlugins.LONG)).isZero();
            String text = String.join("\n", help.stdout());
            assertThat(text).contains("  The plugins' settings (plugins in " + plugins + "):").contains("  [tcp]")
                    .containsPattern("  max-connections-per-ip +open connections allowed at once")
                    .contains("(default 32)").containsPattern("  rooms +the rooms");
        }
    }

    @Test
    void pluginsCommandListsVerbsAndFailures() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        Files.write(plugins.resolve("broken.jar"), new byte[] {0});
        try (LauncherProcess list = LauncherProcess.start("plugins", "--plugins", plugins.toString())) {
            assertThat(list.waitFor(TestPlugins.LONG)).isEqualTo(1);
            String text = String.join("\n", list.stdout());
            assertThat(text).contains("rooms").contains("rooms and chat: JOIN_ROOM, MSG, BYE").contains("register more verbs when the server starts")
                    .contains("client commands: /join /leave /rooms /who").contains("transports: tcp")
                    .contains("rooms = room1,room2,room3")
                    .contains("failed to load:").contains("broken.jar");
        }
    }
}
