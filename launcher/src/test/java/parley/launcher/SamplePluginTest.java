package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;

/**
 * The sample third-party plugin (samples/dice-plugin, built against parley-api only by the build):
 * dropped into a plugins folder it adds ROLL to a server process and /roll to the client; without its
 * jar the verb is gone.
 */
class SamplePluginTest {

    @TempDir
    Path temp;

    @Test
    void droppingTheJarInAddsTheVerbInBothFormsAndTheClientCommand() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.DICE);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).anyMatch(l -> l.contains("plugin dice 1.0.0"));
            try (ParleyClient alice = TestPlugins.connect(port);
                 Socket legacy = new Socket("127.0.0.1", port)) {
                alice.login("alice");
                alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                legacy.setSoTimeout(30_000);
                var in = new BufferedReader(new InputStreamReader(legacy.getInputStream(), StandardCharsets.UTF_8));
                var out = legacy.getOutputStream();
                out.write("LOGIN \"bob\"\nJOIN_ROOM \"room1\"\nROLL \"room1\" \"3d4\"\n".getBytes(StandardCharsets.UTF_8));
                assertThat(in.readLine()).startsWith("DISPLAY_ROOM");
                assertThat(in.readLine()).isEqualTo("OK");
                String rolled = in.readLine();
                assertThat(rolled).matches("ROLLED \"room1\" \"bob\" \"3d4\" \"\\d+\" \"\\d \\d \\d\"");
                assertThat(in.readLine()).isEqualTo("OK");
                Message seen = alice.awaitPush("ROLLED", TestPlugins.LONG);
                assertThat(seen.text("pseudo")).isEqualTo("bob");
                assertThat(seen.number("total", 0)).isBetween(3L, 12L);

                Message bad = alice.call(Message.of("ROLL").put("room", "room1").put("dice", "lots"), TestPlugins.LONG);
                assertThat(bad.type()).isEqualTo("ERROR");
                assertThat(bad.text("reason")).contains("dice look like 2d6");
            }
            try (LauncherProcess carol = LauncherProcess.start("client", "--port", Integer.toString(port),
                    "--pseudo", "carol", "--room", "room1", "--plugins", plugins.toString())) {
                carol.awaitLine(l -> l.contains("joined room1"), TestPlugins.LONG);
                carol.type("/roll 2d6");
                carol.awaitLine(l -> l.contains("[room1] carol rolls 2d6: "), TestPlugins.LONG);
                carol.type("/plugins");
                carol.awaitLine(l -> l.contains("dice 1.0.0: verbs ROLL; client /roll"), TestPlugins.LONG);
            }
        }
    }

    @Test
    void withoutTheJarTheVerbIsGone() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
                Message reply = alice.call(Message.of("ROLL").put("room", "room1"), TestPlugins.LONG);
                assertThat(reply.type()).isEqualTo("ERROR");
                assertThat(reply.text("reason")).startsWith("unknown type 'ROLL'");
            }
        }
    }

    @Test
    void aServerWatchingItsPluginsPicksTheJarUpAndDropsItWithoutARestart() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString(),
                "--watch", "--watch-interval", "100ms")) {
            int port = server.awaitListening(TestPlugins.LONG);
            server.awaitLine(l -> l.startsWith("watching "), TestPlugins.LONG);
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
                alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                java.nio.file.Files.copy(TestPlugins.staged().resolve(TestPlugins.DICE), plugins.resolve(TestPlugins.DICE));
                server.awaitLine(l -> l.startsWith("plugin dice 1.0.0: verbs ROLL") && l.endsWith("loaded from dice-plugin.jar"),
                        TestPlugins.LONG);
                assertThat(alice.call(Message.of("ROLL").put("room", "room1"), TestPlugins.LONG).type()).isEqualTo("OK");
                java.nio.file.Files.delete(plugins.resolve(TestPlugins.DICE));
                server.awaitLine(l -> l.equals("plugin dice unloaded"), TestPlugins.LONG);
                assertThat(alice.call(Message.of("ROLL").put("room", "room1"), TestPlugins.LONG).text("reason"))
                        .startsWith("unknown type 'ROLL'");
                alice.expect(Message.of("MSG").put("room", "room1").put("msg", "still chatting"), "OK");
            }
        }
    }
}
