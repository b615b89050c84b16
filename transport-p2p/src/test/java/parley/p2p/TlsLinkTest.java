package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.LinkMode;
import parley.p2p.client.P2pLink;
import parley.p2p.client.P2pOptions;
import parley.p2p.link.Handshake;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.LinkException;
import parley.p2p.link.LinkIdentity;
import parley.p2p.link.LinkTls;
import parley.p2p.link.P2pMessages;

/**
 * Links run TLS between the two clients, each pinning the certificate the server announced for the
 * other: what travels, directly or through the relay, is unreadable on the way; a peer showing another
 * certificate is refused on both paths, whichever side it pretends to be; and the token proof is still
 * required inside TLS.
 */
class TlsLinkTest {

    private static final String MARKER = "marker-7f3a9c-the-plain-words";
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

    @Test
    void aDirectLinkIsEncryptedOnTheWire() throws Exception {
        int bobsPort = freePort();
        P2pOptions bobs = Side.options(AcceptPolicy.ALWAYS, temp);
        try (Sniffer path = new Sniffer(bobsPort);
             Side alice = Side.join(server, "e-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "e-bob", new P2pOptions(bobs.accept(), bobs.listenHost(), bobsPort,
                     path.port(), bobs.downloads(), bobs.maxFileBytes(), bobs.keepalive(), bobs.linkTimeout(),
                     bobs.clock()))) {
            P2pLink link = alice.p2p.open("e-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.DIRECT);
            // each side saw the other's own certificate: users may compare them by another way
            assertThat(link.peerFingerprint()).isEqualTo(bob.p2p.fingerprint());
            assertThat(bob.events.awaitLinked().peerFingerprint()).isEqualTo(alice.p2p.fingerprint());
            link.say(MARKER + " from alice");
            bob.events.awaitMessage("e-alice: " + MARKER + " from alice");
            bob.p2p.link("e-alice").orElseThrow().say(MARKER + " from bob");
            alice.events.awaitMessage("e-bob: " + MARKER + " from bob");

            // the link went through the sniffer, and it read TLS records only
            byte[] wire = path.bytes();
            assertThat(wire.length).isGreaterThan(200);
            assertThat(wire[0]).as("a TLS handshake record starts the link").isEqualTo((byte) 0x16);
            assertThat(wire[1]).isEqualTo((byte) 0x03);
            assertPlainTextAbsent(path.seen(), link.id());
        }
    }

    @Test
    void aRelayedLinkIsEncryptedAndTheRelayReadsNothing() throws Exception {
        ByteArrayOutputStream relayed = new ByteArrayOutputStream();
        P2pServer.broker(server).relayTap((id, bytes, offset, length) -> {
            synchronized (relayed) {
                relayed.write(bytes, offset, length);
            }
        });
        try (Side alice = Side.join(server, "r-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "r-bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(RelayFallbackTest.closedPort()))) {
            P2pLink link = alice.p2p.open("r-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            assertThat(link.peerFingerprint()).isEqualTo(bob.p2p.fingerprint());
            assertThat(bob.events.awaitLinked().peerFingerprint()).isEqualTo(alice.p2p.fingerprint());
            link.say(MARKER + " through the relay");
            bob.events.awaitMessage("r-alice: " + MARKER + " through the relay");
            bob.p2p.link("r-alice").orElseThrow().say(MARKER + " back");
            alice.events.awaitMessage("r-bob: " + MARKER + " back");

            String seen;
            synchronized (relayed) {
                seen = relayed.toString(StandardCharsets.ISO_8859_1);
            }
            assertThat(seen.length()).isGreaterThan(200);
            assertThat(seen.charAt(0)).as("the first byte the relay copies starts a TLS record").isEqualTo((char) 0x16);
            assertPlainTextAbsent(seen, link.id());
        } finally {
            P2pServer.broker(server).relayTap(null);
        }
    }

    @Test
    void aCallerShowingAnotherCertificateIsDeniedBeforeItsTokenCounts() throws Exception {
        try (Side bob = Side.join(server, "c-bob", Side.options(AcceptPolicy.ALWAYS, temp));
             ParleyClient alice = P2pServer.loggedIn(server, "c-alice")) {
            Invites.Got a = Invites.invite(alice, Invites.request(alice, "c-bob")); // alice announced Invites.HAND
            assertThat(a.peerFingerprint().text()).isEqualTo(bob.p2p.fingerprint());
            LinkIdentity stolenToken = LinkIdentity.generate(); // someone who has the token, not alice's key

            Message denied = Raw.call(a.peerPort(), a.link(), "c-alice", a.token(), a.token(), stolenToken);
            assertThat(denied.type()).isEqualTo(P2pMessages.DENIED);
            assertThat(denied.text("reason")).isEqualTo("the caller of link " + a.link() + " showed certificate "
                    + stolenToken.fingerprint() + ", not " + Invites.HAND.fingerprint() + " that the server announced"
                    + " for c-alice: it is not c-alice, or someone is in the middle; the link is refused");
            await().atMost(P2pServer.LONG).until(() -> bob.events.notices.stream()
                    .anyMatch(n -> n.startsWith("turned away a connection from 127.0.0.1: the caller of link")));

            // the right certificate with a wrong token: the token proof is still required inside TLS
            assertThat(Raw.call(a.peerPort(), a.link(), "c-alice", Raw.randomToken(), a.token()).text("reason"))
                    .isEqualTo("wrong token for link " + a.link() + ": the proof does not match");
            assertThat(bob.events.linked).isEmpty();
        }
        // and the wrong certificate did not spend the real caller's one direct try
        try (Side bob = Side.join(server, "c2-bob", Side.options(AcceptPolicy.ALWAYS, temp));
             ParleyClient alice = P2pServer.loggedIn(server, "c2-alice")) {
            Invites.Got a = Invites.invite(alice, Invites.request(alice, "c2-bob"));
            assertThat(Raw.call(a.peerPort(), a.link(), "c2-alice", a.token(), a.token(), LinkIdentity.generate())
                    .type()).isEqualTo(P2pMessages.DENIED);
            assertThat(Raw.call(a.peerPort(), a.link(), "c2-alice", a.token(), a.token()).type())
                    .isEqualTo(P2pMessages.WELCOME);
            assertThat(bob.events.awaitLinked().peer()).isEqualTo("c2-alice");
        }
    }

    @Test
    void onTheRelayTheCalleeRefusesACallerWithAnotherCertificate() throws Exception {
        try (Side bob = Side.join(server, "rc-bob", Side.options(AcceptPolicy.ALWAYS, temp));
             ParleyClient alice = P2pServer.loggedIn(server, "rc-alice")) {
            Invites.Got a = Invites.invite(alice, Invites.request(alice, "rc-bob"));
            assertThat(alice.call(Message.of(P2pMessages.FALLBACK).put("link", a.link()).put("reason", "by hand"),
                    Invites.LONG).type()).isEqualTo("OK");
            LinkIdentity other = LinkIdentity.generate();
            try (Raw.Presented caller = Raw.present(a.relayPort(), a.link(), "caller", a.token())) {
                assertThat(caller.answer().type()).isEqualTo(P2pMessages.RELAY_READY);
                LinkChannel plain = caller.channel();
                // bob checks alice's announced certificate as soon as the HELLO names the link: denied, with the
                // reason, before any proof
                LinkChannel tls = LinkTls.asCaller(plain.socket(), other, a.peerFingerprint(), "rc-bob", 1 << 20);
                assertThatThrownBy(() -> Handshake.asCaller(tls, a.link(), "rc-alice", "rc-bob", a.token()))
                        .isInstanceOf(LinkException.class)
                        .hasMessage("rc-bob's end refused the link: the caller of link " + a.link() + " showed certificate "
                                + other.fingerprint() + ", not " + Invites.HAND.fingerprint() + " that the server"
                                + " announced for rc-alice: it is not rc-alice, or someone is in the middle; the link is"
                                + " refused");
            }
            await().atMost(P2pServer.LONG).until(() -> bob.events.failed.stream().anyMatch(f -> f.equals(
                    "rc-alice: could not link with rc-alice through the relay: the caller of link " + a.link()
                            + " showed certificate " + other.fingerprint() + ", not " + Invites.HAND.fingerprint()
                            + " that the server announced for rc-alice: it is not rc-alice, or someone is in the middle;"
                            + " the link is refused")));
            assertThat(bob.events.linked).isEmpty();
        }
    }

    @Test
    void onTheRelayTheCallerRefusesACalleeWithAnotherCertificate() throws Exception {
        try (Side alice = Side.join(server, "rd-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             ParleyClient bob = P2pServer.loggedIn(server, "rd-bob")) {
            var opening = alice.p2p.open("rd-bob");
            Message ask = bob.awaitPush(P2pMessages.ASK, Invites.LONG);
            String link = ask.text("link");
            // no port: the link goes through the relay at once
            assertThat(bob.call(Message.of(P2pMessages.ACCEPT).put("link", link)
                    .put("fingerprint", Invites.HAND.fingerprint().text()), Invites.LONG).type()).isEqualTo("OK");
            Invites.Got b = Invites.invite(bob, link);
            assertThat(b.peerFingerprint().text()).isEqualTo(alice.p2p.fingerprint());
            bob.awaitPush(m -> P2pMessages.FALLBACK.equals(m.type()) && link.equals(m.text("link")), Invites.LONG);
            LinkIdentity other = LinkIdentity.generate();
            try (Raw.Presented callee = Raw.present(b.relayPort(), link, "callee", b.token())) {
                assertThat(callee.answer().type()).isEqualTo(P2pMessages.RELAY_READY);
                LinkChannel plain = callee.channel();
                byte[] ahead = plain.takeReadAhead();
                assertThatThrownBy(() -> LinkTls.asCallee(plain.socket(), ahead, other, null, "rd-alice", 1 << 20))
                        .isInstanceOf(LinkException.class);
            }
            assertThatThrownBy(() -> opening.get(20, TimeUnit.SECONDS)).hasMessageContaining("through the relay,"
                    + " rd-bob's end showed certificate " + other.fingerprint() + ", not " + Invites.HAND.fingerprint()
                    + " that the server announced: it is not rd-bob, or someone is in the middle; the link is refused");
            assertThat(alice.events.linked).isEmpty();
        }
    }

    @Test
    void garbageAndStalledHandshakesAtTheCalleeDisturbNoOne() throws Exception {
        try (Side bob = Side.join(server, "g-bob", Side.options(AcceptPolicy.ALWAYS, temp));
             ParleyClient alice = P2pServer.loggedIn(server, "g-alice")) {
            Invites.Got a = Invites.invite(alice, Invites.request(alice, "g-bob"));
            try (Socket stalled = new Socket(InetAddress.getLoopbackAddress(), a.peerPort());
                 Socket garbage = new Socket(InetAddress.getLoopbackAddress(), a.peerPort())) {
                // one starts a TLS record and stops there; one speaks something else than TLS
                stalled.getOutputStream().write(new byte[] {0x16, 0x03, 0x03});
                garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                garbage.setSoTimeout((int) Raw.TIMEOUT.toMillis());
                assertThat(garbage.getInputStream().read(new byte[64])).as("closed after, at most, a TLS alert")
                        .isLessThan(64);
                await().atMost(P2pServer.LONG).until(() -> bob.events.notices.stream().anyMatch(n -> n.startsWith(
                        "turned away a connection from 127.0.0.1: the TLS handshake with the caller from 127.0.0.1 failed")));
                // the real caller links all the same: each connection has its own thread and handshake deadline
                assertThat(Raw.call(a.peerPort(), a.link(), "g-alice", a.token(), a.token()).type())
                        .isEqualTo(P2pMessages.WELCOME);
                assertThat(bob.events.awaitLinked().peer()).isEqualTo("g-alice");
            }
        }
    }

    /** Neither the words said, nor the handshake's frames, nor the link's id can be read on the way. */
    private static void assertPlainTextAbsent(String seen, String linkId) {
        assertThat(seen).doesNotContain(MARKER).doesNotContain("marker").doesNotContain("P2P_HELLO")
                .doesNotContain("P2P_PROOF").doesNotContain("\"type\"").doesNotContain(linkId);
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
