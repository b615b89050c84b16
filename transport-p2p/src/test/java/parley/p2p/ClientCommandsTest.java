package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.server.ParleyServer;
import parley.p2p.link.P2pMessages;
import parley.testkit.TestServer;

/** /p2p, /accept, /refuse, /w, /wfile and /unlink as a user types them, and what they print. */
class ClientCommandsTest {

    private static ParleyServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        server = P2pServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private Map<String, String> settings(String accept, String downloads) {
        return Map.of("p2p.accept", accept, "p2p.listen-host", "127.0.0.1",
                "p2p.downloads", temp.resolve(downloads).toString());
    }

    @Test
    void aUserLinksTalksSendsAFileListsAndUnlinks() throws Exception {
        try (ParleyClient aliceClient = P2pServer.loggedIn(server, "alice");
             ParleyClient bobClient = P2pServer.loggedIn(server, "bob")) {
            TestConsole alice = new TestConsole(aliceClient, settings("ask", "a"));
            TestConsole bob = new TestConsole(bobClient, settings("ask", "b"));

            alice.type("/p2p bob");
            assertThat(alice.lines).contains("asking bob for a direct link...");
            bob.awaitLine(l -> l.equals("* alice wants a direct link with you: /accept alice or /refuse alice"));
            bob.type("/accept");
            alice.awaitLine(l -> l.equals("* linked with bob (direct, encrypted, the server carries nothing): /w bob <text>"));
            bob.awaitLine(l -> l.startsWith("* linked with alice (direct"));

            alice.type("/w bob hello, just you and me");
            bob.awaitLine(l -> l.equals("[p2p alice] hello, just you and me"));
            bob.type("/w alice indeed");
            alice.awaitLine(l -> l.equals("[p2p bob] indeed"));

            Path file = DirectLinkTest.randomFile(temp.resolve("notes.bin"), 5 * 1024 * 1024);
            alice.type("/wfile bob " + file);
            alice.awaitLine(l -> l.startsWith("sent notes.bin to bob: 5.0 MiB, SHA-256 ") && l.endsWith("confirmed by bob"));
            String received = bob.awaitLine(l -> l.startsWith("* received notes.bin from alice (5.0 MiB, SHA-256 checked): "));
            assertThat(Files.mismatch(file, Path.of(received.substring(received.indexOf("): ") + 3)))).isEqualTo(-1);
            assertThat(alice.statuses).anyMatch(s -> s != null && s.startsWith("notes.bin → bob [") && s.contains("100%"));

            alice.type("/p2p");
            alice.awaitLine(l -> l.equals("P2P links:"));
            alice.awaitLine(l -> l.startsWith("  bob: direct, sent ") && l.contains("received")
                    && l.matches(".*, bob.s certificate SHA256:([0-9A-F]{2}:){31}[0-9A-F]{2}"));

            alice.type("/unlink bob see you");
            bob.awaitLine(l -> l.equals("* link with alice closed: alice closed the link: see you"));
            alice.awaitLine(l -> l.equals("* link with bob closed: you closed the link with bob"));
            alice.type("/w bob anyone?");
            alice.awaitLine(l -> l.equals("! no link with bob: /p2p bob sets one up"));
            alice.type("/p2p");
            alice.awaitLine(l -> l.equals("no P2P links: /p2p <pseudo> sets one up"));

            // the invites went by, and nothing of them was printed
            assertThat(alice.lines).noneMatch(l -> l.contains("P2P_") || l.contains("token"));
            assertThat(bob.lines).noneMatch(l -> l.contains("P2P_") || l.contains("token"));
        }
    }

    @Test
    void aQuestionThatComesBeforeTheExtensionStartsIsAnsweredWhenItDoes() throws Exception {
        // the console prints "logged in" and then tells the extensions: a link asked for in between
        // reached the shell before P2P had started, was hidden, and the asker waited
        try (ParleyClient fayClient = P2pServer.loggedIn(server, "fay");
             ParleyClient gusClient = P2pServer.loggedIn(server, "gus")) {
            TestConsole fay = new TestConsole(fayClient, settings("ask", "f"));
            TestConsole gus = new TestConsole(gusClient, settings("always", "g"), false);

            fay.type("/p2p gus");
            Message ask = gusClient.nextPush(P2pServer.LONG); // the shell saw it first, P2P not started
            assertThat(ask).isNotNull();
            assertThat(ask.type()).isEqualTo(P2pMessages.ASK);
            gus.loggedIn();
            fay.awaitLine(l -> l.startsWith("* linked with gus (direct"));
            gus.awaitLine(l -> l.startsWith("* linked with fay (direct"));
            assertThat(gus.lines).noneMatch(l -> l.contains("P2P_") || l.contains("token"));
        }
    }

    @Test
    void aQuestionThatReachesTheShellWhileTheExtensionStartsIsAnswered() throws Exception {
        // the connection's reader passes a push to its listeners as they were when it began: a listener
        // the P2P client added while the reader was on its way to the shell missed the question, which the
        // started extension then hid, and the asker waited (ClientProcessTest failed so, 1 run in 5)
        try (ParleyClient hanClient = P2pServer.loggedIn(server, "han");
             ParleyClient idaClient = P2pServer.loggedIn(server, "ida")) {
            CountDownLatch reached = new CountDownLatch(1);
            CountDownLatch go = new CountDownLatch(1);
            idaClient.onPush(push -> { // before the shell's listener: holds the reader on its way to the shell
                if (P2pMessages.ASK.equals(push.type())) {
                    reached.countDown();
                    awaitQuietly(go);
                }
            });
            TestConsole han = new TestConsole(hanClient, settings("ask", "h"));
            TestConsole ida = new TestConsole(idaClient, settings("always", "i"), false);

            han.type("/p2p ida");
            assertThat(reached.await(P2pServer.LONG.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            ida.loggedIn(); // P2P starts while the question is between the reader and the shell
            go.countDown();
            han.awaitLine(l -> l.startsWith("* linked with ida (direct"));
            ida.awaitLine(l -> l.startsWith("* linked with han (direct"));
        }
    }

    @Test
    void afterAReconnectionP2pGoesOnOverTheNewConnection() throws Exception {
        // the terminal client logs in again by itself after a drop: P2P kept asking through the old
        // connection, and answered the new one's questions there
        try (ParleyClient kimFirst = P2pServer.loggedIn(server, "kim");
             ParleyClient leeClient = P2pServer.loggedIn(server, "lee")) {
            TestConsole kim = new TestConsole(kimFirst, settings("ask", "k"));
            TestConsole lee = new TestConsole(leeClient, settings("ask", "l"));
            lee.type("/p2p kim");
            kim.awaitLine(l -> l.equals("* lee wants a direct link with you: /accept lee or /refuse lee"));

            kimFirst.close(); // the drop
            try (ParleyClient kimAgain = TestServer.client(server)) {
                kim.reconnecting(kimAgain);
                kim.awaitLine(l -> l.equals("* the question from lee is over: the connection to the server dropped"));
                // the server frees the pseudo once it has seen the drop
                Message answer = await().atMost(P2pServer.LONG).ignoreException(RefusedException.class)
                        .until(() -> kimAgain.login("kim"), a -> a != null);
                kim.reconnected(answer);

                kim.type("/p2p lee");
                lee.awaitLine(l -> l.equals("* kim wants a direct link with you: /accept kim or /refuse kim"));
                lee.type("/accept kim");
                kim.awaitLine(l -> l.startsWith("* linked with lee (direct"));
                kim.type("/w lee back again");
                lee.awaitLine(l -> l.equals("[p2p kim] back again"));
                assertThat(kim.lines).noneMatch(l -> l.startsWith("! no link with lee"));
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(P2pServer.LONG.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void refusalsAndBadSettingsAreExplained() throws Exception {
        try (ParleyClient carolClient = P2pServer.loggedIn(server, "carol");
             ParleyClient danClient = P2pServer.loggedIn(server, "dan");
             ParleyClient eveClient = P2pServer.loggedIn(server, "eve")) {
            TestConsole carol = new TestConsole(carolClient, settings("always", "c"));
            TestConsole dan = new TestConsole(danClient, settings("ask", "d"));
            TestConsole eve = new TestConsole(eveClient, Map.of("p2p.accept", "maybe"));

            carol.type("/p2p dan");
            dan.awaitLine(l -> l.startsWith("* carol wants a direct link"));
            dan.type("/refuse nobody");
            dan.awaitLine(l -> l.equals("! no link question from nobody; waiting: carol"));
            dan.type("/refuse carol");
            carol.awaitLine(l -> l.equals("! no link with dan: dan refused the link: dan said no"));
            carol.type("/p2p zed");
            carol.awaitLine(l -> l.startsWith("! no link with zed: no user 'zed' is connected"));

            assertThat(eve.lines).contains("! P2P is off: setting 'p2p.accept': expected ask, always or never, got 'maybe'");
            eve.type("/p2p carol");
            eve.awaitLine(l -> l.equals("! P2P is off: see the message at login"));
        }
    }
}
