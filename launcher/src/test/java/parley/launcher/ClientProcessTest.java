package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the README promises a newcomer: one server, two interactive clients talking. */
class ClientProcessTest {

    @TempDir
    Path temp;

    @Test
    void twoInteractiveClientsTalkThroughAServer() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--room", "room1", "--plugins", plugins.toString());
                 LauncherProcess bob = LauncherProcess.start("client", "--port", port, "--pseudo", "bob",
                         "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("joined room1"), TestPlugins.LONG);
                bob.awaitLine(l -> l.contains("logged in as bob"), TestPlugins.LONG);
                bob.type("/join room1");
                bob.awaitLine(l -> l.contains("joined room1 with alice, bob"), TestPlugins.LONG);
                alice.awaitLine(l -> l.contains("* bob joined room1"), TestPlugins.LONG);

                bob.type("bonjour alice");
                alice.awaitLine(l -> l.contains("[room1] bob: bonjour alice"), TestPlugins.LONG);
                alice.type("salut bob");
                bob.awaitLine(l -> l.contains("[room1] alice: salut bob"), TestPlugins.LONG);

                bob.type("/who");
                bob.awaitLine(l -> l.contains("room1: alice, bob"), TestPlugins.LONG);
                bob.type("/nonsense");
                bob.awaitLine(l -> l.contains("unknown command /nonsense: type /help"), TestPlugins.LONG);
                bob.type("/help");
                bob.awaitLine(l -> l.contains("/join") && l.contains("join a room"), TestPlugins.LONG);

                bob.type("/quit");
                assertThat(bob.waitFor(TestPlugins.LONG)).isZero();
                alice.awaitLine(l -> l.contains("* bob left room1"), TestPlugins.LONG);
            }
        }
    }

    @Test
    void twoInteractiveClientsLinkDirectlyAndWhisper() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.P2P);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--host", "127.0.0.1",
                "--plugins", plugins.toString())) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--plugins", plugins.toString());
                 LauncherProcess bob = LauncherProcess.start("client", "--port", port, "--pseudo", "bob",
                         "--plugins", plugins.toString(), "--set", "p2p.accept=always",
                         "--set", "p2p.listen-host=127.0.0.1")) {
                try {
                    alice.awaitLine(l -> l.contains("logged in as alice"), TestPlugins.LONG);
                    bob.awaitLine(l -> l.contains("logged in as bob"), TestPlugins.LONG);
                    alice.type("/p2p bob");
                    alice.awaitLine(l -> l.contains("linked with bob (direct"), TestPlugins.LONG);
                    bob.awaitLine(l -> l.contains("linked with alice (direct"), TestPlugins.LONG);
                    alice.type("/w bob psst");
                    bob.awaitLine(l -> l.contains("[p2p alice] psst"), TestPlugins.LONG);
                    bob.type("/p2p");
                    bob.awaitLine(l -> l.contains("alice: direct, sent"), TestPlugins.LONG);
                    bob.type("/unlink alice");
                    alice.awaitLine(l -> l.contains("link with bob closed: bob closed the link: done"), TestPlugins.LONG);
                } catch (AssertionError e) { // three processes: say what the other two saw
                    throw new AssertionError(e.getMessage() + "\nbob: " + bob.stdout() + " " + bob.stderr()
                            + "\nserver: " + server.stdout() + " " + server.stderr(), e);
                }
            }
        }
    }

    @Test
    void takenPseudoIsRefusedAndTheClientAsksAgain() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess first = LauncherProcess.start("client", "--port", port, "--pseudo", "zed",
                    "--plugins", plugins.toString())) {
                // the second client starts only once the first holds the pseudo: started together, either may win
                first.awaitLine(l -> l.contains("logged in as zed"), TestPlugins.LONG);
                try (LauncherProcess second = LauncherProcess.start("client", "--port", port, "--pseudo", "ZED",
                        "--plugins", plugins.toString())) {
                    second.awaitLine(l -> l.contains("pseudo 'ZED' is taken"), TestPlugins.LONG);
                    second.type("zed2");
                    second.awaitLine(l -> l.contains("logged in as zed2"), TestPlugins.LONG);
                }
            }
        }
    }

    @Test
    void whenTheServerGoesAwayTheClientSaysSoAndEndsItsLastLine() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--room", "room1", "--plugins", plugins.toString(), "--reconnect-for", "1s")) {
                alice.awaitLine(l -> l.contains("joined room1"), TestPlugins.LONG);
                server.terminate();
                alice.awaitLine(l -> l.contains("reconnecting…"), TestPlugins.LONG);
                assertThat(alice.waitFor(TestPlugins.LONG)).isEqualTo(1);
                assertThat(alice.stdout()).anyMatch(l -> l.contains("connection closed") && l.contains("no way back within 1s"));
                // the shell's prompt that follows starts on a line of its own
                assertThat(alice.unterminatedOutput()).isEmpty();
            }
        }
    }

    @Test
    void unknownHostIsNamedAsSuch() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess client = LauncherProcess.start("client", "--host", "no-such-host.invalid", "--pseudo", "x",
                "--plugins", plugins.toString())) {
            assertThat(client.waitFor(TestPlugins.LONG)).isEqualTo(1);
            assertThat(String.join("\n", client.stderr())).contains("unknown host 'no-such-host.invalid'")
                    .contains("--host").doesNotContain("is the server running");
        }
    }

    @Test
    void unreachableServerIsExplained() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess client = LauncherProcess.start("client", "--port", "1", "--pseudo", "x",
                "--plugins", plugins.toString())) {
            assertThat(client.waitFor(TestPlugins.LONG)).isEqualTo(1);
            assertThat(String.join("\n", client.stderr())).contains("cannot connect to localhost:1")
                    .contains("./parley server");
        }
    }

    @Test
    void aVoteFromTheConsole() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.VOTE);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString())) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--room", "room1", "--plugins", plugins.toString(), "--set", "vote.timeout=60s")) {
                alice.awaitLine(l -> l.contains("joined room1"), TestPlugins.LONG);
                try (LauncherProcess bob = LauncherProcess.start("client", "--port", port, "--pseudo", "bob",
                        "--room", "room1", "--plugins", plugins.toString())) {
                    bob.awaitLine(l -> l.contains("joined room1 with alice, bob"), TestPlugins.LONG);
                    alice.type("/vote Pizza tonight?");
                    alice.awaitLine(l -> l.contains("waiting for votes: 0/1"), TestPlugins.LONG);
                    bob.awaitLine(l -> l.contains("? alice asks room1: Pizza tonight?") && l.contains("/yes or /no"),
                            TestPlugins.LONG);
                    alice.type("/vote Another one?");
                    alice.awaitLine(l -> l.contains("your vote is still running"), TestPlugins.LONG);
                    bob.type("/yes");
                    bob.awaitLine(l -> l.contains("voted yes"), TestPlugins.LONG);
                    alice.awaitLine(l -> l.contains("= vote") && l.contains("yes 1, no 0, missing 0"), TestPlugins.LONG);
                    bob.awaitLine(l -> l.contains("= vote") && l.contains("yes 1, no 0, missing 0"), TestPlugins.LONG);
                }
            }
        }
    }
}
