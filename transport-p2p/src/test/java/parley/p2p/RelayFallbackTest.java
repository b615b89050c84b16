package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.LinkMode;
import parley.p2p.client.P2pLink;
import parley.p2p.client.ReceivedFile;
import parley.p2p.client.SentFile;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.LinkIdentity;
import parley.p2p.link.LinkTls;
import parley.p2p.link.Nonces;
import parley.p2p.link.P2pMessages;

/** When the direct link cannot be made, both sides go through the server's relay, which carries bytes within its limits. */
class RelayFallbackTest {

    private static ParleyServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        server = P2pServer.start(Map.of("p2p.relay-max-bytes", "32MiB", "p2p.relay-max-duration", "5m"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aClosedAnnouncedPortFallsBackToTheRelayAndMessagesFlowBothWays() throws Exception {
        int closed = closedPort();
        try (Side alice = Side.join(server, "f-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "f-bob", Side.options(AcceptPolicy.ALWAYS, temp).withAnnouncePort(closed))) {
            P2pLink link = alice.p2p.open("f-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            assertThat(link.relayLimits().maxBytes()).isEqualTo(32L << 20);
            assertThat(link.relayLimits().maxDuration()).isEqualTo(Duration.ofMinutes(5));
            assertThat(alice.events.notices).anyMatch(n -> n.contains("could not reach f-bob directly (127.0.0.1:" + closed
                    + " refused the connection): trying the server's relay"));
            P2pLink bobsEnd = bob.events.awaitLinked();
            assertThat(bobsEnd.mode()).isEqualTo(LinkMode.RELAYED);
            assertThat(bob.events.notices).anyMatch(n -> n.contains("f-alice could not reach you directly"));

            link.say("through the server, unread");
            bobsEnd.say("and back");
            bob.events.awaitMessage("f-alice: through the server, unread");
            alice.events.awaitMessage("f-bob: and back");

            // closing a relayed link tells both, like a direct one
            bobsEnd.close("that will do");
            assertThat(alice.events.awaitClosed("f-bob closed the link: that will do")).isNotNull();
            assertThat(bob.events.awaitClosed("you closed")).isNotNull();
        }
    }

    @Test
    void aCalleeThatCannotProveTheTokenIsNotTrustedAndTheRelayTakesOver() throws Exception {
        try (ServerSocket impostor = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             Side alice = Side.join(server, "i-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "i-bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(impostor.getLocalPort()))) {
            var heard = new CopyOnWriteArrayList<Message>();
            LinkIdentity impostorsOwn = LinkIdentity.generate();
            Thread.ofVirtual().start(() -> pretendToBeBob(impostor, impostorsOwn, heard));
            P2pLink link = alice.p2p.open("i-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            // alice's TLS pins bob's certificate: the impostor's is refused before a single frame
            assertThat(alice.events.notices).anyMatch(n -> n.contains("i-bob's end showed certificate "
                    + impostorsOwn.fingerprint() + ", not " + bob.p2p.fingerprint() + " that the server announced: it is"
                    + " not i-bob, or someone is in the middle; the link is refused"));
            // what the impostor learnt: nothing, not even the link's id (the HELLO travels inside TLS)
            assertThat(heard).isEmpty();

            link.say("is it really you?");
            bob.events.awaitMessage("i-alice: is it really you?");
        }
    }

    @Test
    void aDirectAttemptThatGetsNoAnswerTimesOutAndTheRelayTakesOver() throws Exception {
        try (ParleyServer quick = P2pServer.start(Map.of("p2p.connect-timeout", "500ms"));
             ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress()); // takes, never answers
             Side alice = Side.join(quick, "alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(quick, "bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(silent.getLocalPort()))) {
            P2pLink link = alice.p2p.open("bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            // it took the connection but never answered the TLS handshake: the connect timeout covers both
            assertThat(alice.events.notices).anyMatch(n -> n.contains("could not reach bob directly (no answer from"
                    + " 127.0.0.1:" + silent.getLocalPort() + " within 500 ms)"));
            link.say("the slow way");
            bob.events.awaitMessage("alice: the slow way");
        }
    }

    @Test
    void aCalleeThatCannotListenLinksThroughTheRelay() throws Exception {
        // 192.0.2.1 (TEST-NET-1) is no address of this machine: bob cannot listen, and accepts without a port
        try (Side alice = Side.join(server, "n-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "n-bob", Side.options(AcceptPolicy.ALWAYS, temp).withListenHost("192.0.2.1"))) {
            P2pLink link = alice.p2p.open("n-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            assertThat(bob.events.notices).anyMatch(n -> n.startsWith("cannot take a direct connection (cannot listen on"
                    + " 192.0.2.1:0") && n.endsWith("the link with n-alice will go through the relay"));
            assertThat(alice.events.notices).anyMatch(n -> n.contains("(n-bob takes no direct connection)"));
            bob.events.awaitLinked().say("no port, no problem");
            alice.events.awaitMessage("n-bob: no port, no problem");
        }
    }

    @Test
    void aFileCrossesARelayedLinkWhole() throws Exception {
        Path downloads = temp.resolve("downloads");
        try (Side alice = Side.join(server, "g-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "g-bob", Side.options(AcceptPolicy.ALWAYS, downloads).withAnnouncePort(closedPort()))) {
            Path file = DirectLinkTest.randomFile(temp.resolve("report.pdf"), 2 * 1024 * 1024 + 7);
            P2pLink link = alice.p2p.open("g-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            SentFile sent = link.sendFile(file, null).get(30, TimeUnit.SECONDS);
            await().atMost(P2pServer.LONG).until(() -> !bob.events.files.isEmpty());
            ReceivedFile received = bob.events.files.get(0);
            assertThat(received.sha256()).isEqualTo(sent.sha256()).isEqualTo(DirectLinkTest.sha256(file));
            assertThat(DirectLinkTest.sha256(received.path())).isEqualTo(DirectLinkTest.sha256(file));
            assertThat(Files.mismatch(file, received.path())).isEqualTo(-1);

            // and the other way, at the same time as a message
            Path back = DirectLinkTest.randomFile(temp.resolve("answer.txt"), 100_000);
            P2pLink bobsEnd = bob.p2p.link("g-alice").orElseThrow();
            var sending = bobsEnd.sendFile(back, null);
            bobsEnd.say("sending you my answer");
            assertThat(sending.get(30, TimeUnit.SECONDS).sha256()).isEqualTo(DirectLinkTest.sha256(back));
            alice.events.awaitMessage("g-bob: sending you my answer");
        }
    }

    @Test
    void aPeerThatLeavesTheServerEndsItsRelayedLinkAndTheOtherIsTold() throws Exception {
        try (Side alice = Side.join(server, "l-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "l-bob", Side.options(AcceptPolicy.ALWAYS, temp).withAnnouncePort(closedPort()))) {
            P2pLink link = alice.p2p.open("l-bob").get(20, TimeUnit.SECONDS);
            bob.events.awaitLinked();
            bob.client.close(); // bob is gone from the server: the relay is not his any more
            await().atMost(P2pServer.LONG).until(() -> !link.isOpen());
            await().atMost(P2pServer.LONG).until(() -> alice.events.endings().contains("l-bob left the server"));
        }
    }

    /**
     * Listens where bob said he would, shows a certificate of its own, and would answer HELLO with a
     * proof made with a token of its own.
     */
    private static void pretendToBeBob(ServerSocket impostor, LinkIdentity own, CopyOnWriteArrayList<Message> heard) {
        try (Socket socket = impostor.accept()) {
            socket.setSoTimeout((int) Raw.TIMEOUT.toMillis());
            LinkChannel channel = LinkTls.asCallee(socket, null, own, null, "the caller", 1 << 20);
            Message hello = channel.readMessage();
            heard.add(hello);
            channel.send(Message.of(P2pMessages.CHALLENGE).put("nonce", Nonces.fresh())
                    .put("proof", Raw.randomToken().prove(P2pMessages.CALLEE, hello.text("link"), hello.text("nonce"), "x")));
            try {
                Message next = channel.readMessage();
                heard.add(next); // the caller must not go on
            } catch (IOException expected) {
                // the caller hung up
            }
        } catch (IOException e) {
            // the test fails on what alice saw
        }
    }

    /** A loopback port nothing listens on. */
    static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
