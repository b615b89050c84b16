package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.testkit.CuttableProxy;

/**
 * The terminal client, as a real process behind a proxy the test can cut, against a real server process:
 * it reconnects by itself, resumes (or logs in again after a restart), shows what it missed once each,
 * with local times, control characters escaped.
 */
class ReconnectProcessTest {

    private static final Duration LONG = TestPlugins.LONG;
    /**
     * A chat line as the terminal shows it: the local time, then where and who; after the prompt when
     * the client drew one just before it (on a pipe, with no terminal to redraw, a line that arrives
     * while the prompt is drawn again ends up on the prompt's line: seen once in CI on a loaded machine).
     */
    private static final Pattern CHAT = Pattern.compile("^(?:\\S+> )?\\d\\d:\\d\\d (?:· )?\\[room1\\] (\\S+): (.*)$");

    @TempDir
    Path temp;

    private Path plugins() throws Exception {
        return TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.HISTORY);
    }

    private LauncherProcess server(Path plugins, int port) throws Exception {
        return LauncherProcess.start("server", "--port", Integer.toString(port), "--host", "127.0.0.1",
                "--plugins", plugins.toString(), "--set", "data-dir=" + temp.resolve("data"));
    }

    /** A protocol client in room1 (the rooms API is not on the launcher's test path: plain messages). */
    private static ParleyClient member(int port, String pseudo) throws Exception {
        ParleyClient client = TestPlugins.connect(port);
        client.login(pseudo);
        client.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
        return client;
    }

    private static void say(ParleyClient client, String text) {
        client.expect(Message.of("MSG").put("room", "room1").put("msg", text), "OK");
    }

    /** The chat lines alice's terminal showed from {@code pseudo}: the texts, in the order shown. */
    private static List<String> said(LauncherProcess client, String pseudo) {
        return client.stdout().stream().map(CHAT::matcher).filter(m -> m.find() && m.group(1).equals(pseudo))
                .map(m -> m.group(2)).toList();
    }

    @Test
    void aDroppedClientReconnectsResumesAndShowsWhatItMissedOnceEach() throws Exception {
        Path plugins = plugins();
        try (LauncherProcess server = server(plugins, 0)) {
            int port = server.awaitListening(LONG);
            try (CuttableProxy proxy = new CuttableProxy(port);
                 LauncherProcess alice = LauncherProcess.start("client", "--port", Integer.toString(proxy.port()),
                         "--host", "127.0.0.1", "--pseudo", "alice", "--room", "room1", "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("joined room1"), LONG);
                ParleyClient bob = member(port, "bob");
                alice.awaitLine(l -> l.endsWith("* bob joined room1"), LONG);
                List<Message> bobSaw = new CopyOnWriteArrayList<>();
                bob.onPush(bobSaw::add);
                say(bob, "before the drop");
                alice.awaitLine(l -> l.endsWith("[room1] bob: before the drop"), LONG);

                proxy.cut(); // the network goes: both sockets reset
                alice.awaitLine(l -> l.contains("reconnecting…"), LONG);
                say(bob, "away 1");
                say(bob, "evil\n[room1] carol: forged");
                say(bob, "tab\there"); // the server refuses other control characters in a MSG (ChatRendererTest has ESC)
                say(bob, "away 4");
                proxy.mend();

                alice.awaitLine(l -> l.equals("reconnected: back where you were"), LONG);
                alice.awaitLine(l -> l.equals("— 4 messages while you were away —"), LONG);
                alice.awaitLine(l -> l.endsWith("bob: away 4"), LONG);
                alice.type("I am back");
                bob.awaitPush(p -> "I am back".equals(p.text("msg")), LONG);
                say(bob, "live again");
                alice.awaitLine(l -> l.endsWith("bob: live again"), LONG);

                assertThat(said(alice, "bob")).as(String.join("\n", alice.stdout())).containsExactly("before the drop", "away 1",
                        "evil\\n[room1] carol: forged", "tab\\there", "away 4", "live again");
                assertThat(alice.stdout()).as("no forged line, no raw escape")
                        .noneMatch(l -> l.matches("^(\\S+> )?(\\d\\d:\\d\\d )?\\[room1\\] carol: .*")).noneMatch(l -> l.contains("\t"));
                assertThat(alice.stdout()).as("the date once, before the first line").filteredOn(l -> l.matches("— \\w+day \\d+ \\w+ \\d{4} —"))
                        .hasSize(1);
                bob.close();
                assertThat(bobSaw).as("no JOINED or LEFT for alice: she never left")
                        .noneMatch(p -> "alice".equals(p.text("pseudo")) && !p.type().equals("MSG"));
            }
        }
    }

    @Test
    void afterAServerRestartTheClientLogsInAgainRejoinsAndCatchesUpFromTheLog() throws Exception {
        Path plugins = plugins();
        LauncherProcess first = server(plugins, 0);
        int port = first.awaitListening(LONG);
        try (CuttableProxy proxy = new CuttableProxy(port);
             LauncherProcess alice = LauncherProcess.start("client", "--port", Integer.toString(proxy.port()),
                     "--host", "127.0.0.1", "--pseudo", "alice", "--room", "room1", "--plugins", plugins.toString())) {
            alice.awaitLine(l -> l.contains("joined room1"), LONG);
            try (ParleyClient bob = member(port, "bob")) {
                say(bob, "before the restart");
                alice.awaitLine(l -> l.endsWith("bob: before the restart"), LONG);
            }
            proxy.cut();
            first.terminate();
            assertThat(first.waitFor(LONG)).as("SIGTERM: a clean stop").isEqualTo(143);
            first.close();
            alice.awaitLine(l -> l.contains("reconnecting…"), LONG);

            try (LauncherProcess second = server(plugins, 0)) {
                int secondPort = second.awaitListening(LONG);
                proxy.target(secondPort);
                try (ParleyClient carol = member(secondPort, "carol")) {
                    say(carol, "said during the restart");
                    proxy.mend();
                    alice.awaitLine(l -> l.equals("reconnected: logged in again as alice"), LONG);
                    alice.awaitLine(l -> l.equals("— 1 message while you were away —"), LONG);
                    alice.awaitLine(l -> l.endsWith("carol: said during the restart"), LONG);
                    say(carol, "live after the restart");
                    alice.awaitLine(l -> l.endsWith("carol: live after the restart"), LONG);
                }
                assertThat(said(alice, "bob")).containsExactly("before the restart");
                assertThat(said(alice, "carol")).containsExactly("said during the restart", "live after the restart");
            }
        } finally {
            first.close();
        }
    }

    @Test
    void quitLeavesAtOnceWhileReconnecting() throws Exception {
        Path plugins = plugins();
        try (LauncherProcess server = server(plugins, 0)) {
            int port = server.awaitListening(LONG);
            try (CuttableProxy proxy = new CuttableProxy(port);
                 LauncherProcess alice = LauncherProcess.start("client", "--port", Integer.toString(proxy.port()),
                         "--host", "127.0.0.1", "--pseudo", "alice", "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("logged in as alice"), LONG);
                proxy.cut();
                alice.awaitLine(l -> l.contains("reconnecting…"), LONG);
                alice.type("hello?");
                alice.awaitLine(l -> l.contains("! not sent: reconnecting"), LONG);
                alice.type("/quit");
                assertThat(alice.waitFor(LONG)).isZero();
            }
        }
    }

    @Test
    void joinShowsTheLastMessagesMarkedAsHistoryThenLiveOnes() throws Exception {
        Path plugins = plugins();
        try (LauncherProcess server = server(plugins, 0)) {
            int port = server.awaitListening(LONG);
            try (ParleyClient bob = member(port, "bob")) {
                for (int i = 1; i <= 3; i++) {
                    say(bob, "earlier " + i);
                }
                try (LauncherProcess alice = LauncherProcess.start("client", "--port", Integer.toString(port),
                        "--host", "127.0.0.1", "--pseudo", "alice", "--plugins", plugins.toString(), "--set", "rooms.history=2")) {
                    alice.awaitLine(l -> l.contains("logged in as alice"), LONG);
                    alice.type("/join room1");
                    alice.awaitLine(l -> l.equals("— the last messages of room1 —"), LONG);
                    alice.awaitLine(l -> l.matches("\\d\\d:\\d\\d · \\[room1\\] bob: earlier 3"), LONG);
                    say(bob, "now");
                    alice.awaitLine(l -> l.matches("\\d\\d:\\d\\d \\[room1\\] bob: now"), LONG);
                    assertThat(alice.stdout()).filteredOn(l -> l.contains("bob: earlier")).hasSize(2)
                            .allMatch(l -> l.contains("· [room1]"));
                }
            }
        }
    }
}
