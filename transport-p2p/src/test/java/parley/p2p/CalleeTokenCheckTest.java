package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.LinkMode;
import parley.p2p.link.P2pMessages;
import parley.testkit.TestClock;

/**
 * The callee accepts on its port only a token the server issued for exactly this pair, not expired
 * and not used: callers are made by hand here, to try what the real client never does.
 */
class CalleeTokenCheckTest {

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
    void wrongReplayedExpiredAndMisaddressedTokensAreRefused() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
        try (Side bob = Side.join(server, "t-bob", Side.options(AcceptPolicy.ALWAYS, temp).withClock(clock));
             ParleyClient alice = P2pServer.loggedIn(server, "t-alice");
             ParleyClient dave = P2pServer.loggedIn(server, "t-dave");
             ParleyClient erin = P2pServer.loggedIn(server, "t-erin")) {
            Invites.Got a = Invites.invite(alice, Invites.request(alice, "t-bob"));
            Invites.Got d = Invites.invite(dave, Invites.request(dave, "t-bob"));
            Invites.Got e = Invites.invite(erin, Invites.request(erin, "t-bob"));
            int port = a.peerPort();
            assertThat(d.peerPort()).isEqualTo(port).isEqualTo(e.peerPort()); // one listener for all

            // the right token: bob proves it too (Raw checks bob's proof), and welcomes
            Message welcome = Raw.call(port, a.link(), "t-alice", a.token(), a.token());
            assertThat(welcome.type()).isEqualTo(P2pMessages.WELCOME);
            assertThat(bob.events.awaitLinked().peer()).isEqualTo("t-alice");
            assertThat(bob.events.linked.get(0).mode()).isEqualTo(LinkMode.DIRECT);

            // the same token again: replayed
            assertThat(denial(Raw.call(port, a.link(), "t-alice", a.token(), a.token())))
                    .isEqualTo("the token of link " + a.link() + " was used already");

            // a wrong token: refused after the proof, and that was the token's one direct try
            assertThat(denial(Raw.call(port, d.link(), "t-dave", Raw.randomToken(), d.token())))
                    .isEqualTo("wrong token for link " + d.link() + ": the proof does not match");
            await().atMost(P2pServer.LONG).until(() -> bob.events.notices.stream()
                    .anyMatch(n -> n.startsWith("turned away a connection from 127.0.0.1: wrong token")));
            assertThat(denial(Raw.call(port, d.link(), "t-dave", d.token(), d.token())))
                    .isEqualTo("the token of link " + d.link() + " was used already");

            // a token for another pair: erin's link presented as alice's, or one never issued
            assertThat(denial(Raw.call(port, e.link(), "t-alice", e.token(), e.token())))
                    .isEqualTo("link " + e.link() + " is not for t-alice");
            assertThat(denial(Raw.call(port, "p2p-999999", "t-erin", e.token(), null)))
                    .isEqualTo("no link p2p-999999 is expected here");

            // an expired token (60 s by default): the clock moves on
            clock.advance(Duration.ofSeconds(61));
            assertThat(denial(Raw.call(port, e.link(), "t-erin", e.token(), e.token())))
                    .isEqualTo("the token of link " + e.link() + " expired");

            assertThat(bob.events.linked).hasSize(1);
        }
    }

    @Test
    void aPeerThatFallsSilentIsReportedDropped() throws Exception {
        try (Side bob = Side.join(server, "s-bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withKeepalive(Duration.ofMillis(100), Duration.ofMillis(600)));
             ParleyClient alice = P2pServer.loggedIn(server, "s-alice")) {
            Invites.Got a = Invites.invite(alice, Invites.request(alice, "s-bob"));
            // a caller that links, then neither speaks nor answers PING: its machine froze
            try (var frozen = Raw.tls(a.peerPort(), Invites.HAND)) {
                parley.p2p.link.Handshake.asCaller(frozen, a.link(), "s-alice", "s-bob", a.token());
                assertThat(bob.events.awaitLinked().peer()).isEqualTo("s-alice");
                assertThat(bob.events.awaitClosed("dropped")).isEqualTo(
                        "s-alice: the link with s-alice dropped: nothing from s-alice for 600 ms");
            }
        }
    }

    private static String denial(Message answer) {
        assertThat(answer.type()).isEqualTo(P2pMessages.DENIED);
        return answer.text("reason");
    }
}
