package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.p2p.link.P2pMessages;
import parley.testkit.TestClock;

/**
 * The relay takes each side of a fallen-back link once, on proof of the link's token over a fresh
 * nonce; a third party, a guessed, used or expired token, or a link not falling back is refused.
 * Both sides are made by hand.
 */
class RelayAdmissionTest {

    private static final TestClock CLOCK = new TestClock(Instant.parse("2030-01-01T00:00:00Z"));
    private static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = P2pServer.start();
        P2pServer.broker(server).clock(CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void onlyTheTwoSidesGetInOnceAndTheRelayCopiesWithoutReading() throws Exception {
        try (ParleyClient alice = P2pServer.loggedIn(server, "a-alice");
             ParleyClient bob = P2pServer.loggedIn(server, "a-bob");
             ParleyClient carol = P2pServer.loggedIn(server, "a-carol")) {
            Invites.Got[] got = Invites.both(alice, bob, 9);
            String link = got[0].link();
            int relay = got[0].relayPort();
            assertThat(got[1].token()).isEqualTo(got[0].token());

            // not yet: the caller has not said the direct link failed
            assertThat(refusal(relay, link, "caller", got[0])).contains("has not fallen back to the relay");
            // only the caller may say so
            assertThat(bob.call(fallback(link), Invites.LONG).text("reason")).contains("only a link's caller sends P2P_FALLBACK");
            assertThat(carol.call(fallback(link), Invites.LONG).type()).isEqualTo("KO");
            assertThat(alice.call(fallback(link), Invites.LONG).type()).isEqualTo("OK");
            Message told = bob.awaitPush(P2pMessages.FALLBACK, Invites.LONG);
            assertThat(told.text("link")).isEqualTo(link);
            assertThat(told.text("peer")).isEqualTo("a-alice");
            assertThat(told.text("reason")).isEqualTo("tried by hand");

            // a third party with a guessed token, an unknown link, a made-up role
            assertThat(refusal(relay, link, "caller", new Invites.Got(link, Raw.randomToken(), null)))
                    .isEqualTo("wrong token for link " + link + ": the proof does not match");
            assertThat(refusal(relay, link, "callee", new Invites.Got(link, Raw.randomToken(), null)))
                    .isEqualTo("wrong token for link " + link + ": the proof does not match");
            assertThat(refusal(relay, "p2p-424242", "caller", got[0])).startsWith("unknown link p2p-424242");
            assertThat(refusal(relay, link, "admin", got[0])).isEqualTo("role must be caller or callee");

            try (Raw.Presented caller = Raw.present(relay, link, "caller", got[0].token())) {
                await().atMost(Invites.LONG).until(() -> P2pServer.broker(server).waitingAtRelay(link, "caller"));
                // the same side again, even with the right token: used
                assertThat(refusal(relay, link, "caller", got[0]))
                        .isEqualTo("the token of link " + link + " was used already for the caller");
                try (Raw.Presented callee = Raw.present(relay, link, "callee", got[1].token())) {
                    Message ready = caller.answer();
                    assertThat(ready.type()).isEqualTo(P2pMessages.RELAY_READY);
                    assertThat(ready.number("max_bytes", 0)).isEqualTo(64L << 20);
                    assertThat(ready.number("max_duration_ms", 0)).isEqualTo(600_000);
                    assertThat(callee.answer().type()).isEqualTo(P2pMessages.RELAY_READY);

                    // joined: whatever one side writes, framed or not, reaches the other as it was
                    byte[] anything = "not even a frame \u0000\u00ff".getBytes(StandardCharsets.UTF_8);
                    caller.channel().output().write(anything);
                    assertThat(callee.channel().input().readNBytes(anything.length)).isEqualTo(anything);
                    callee.channel().output().write(anything, 0, 5);
                    assertThat(caller.channel().input().readNBytes(5)).isEqualTo(new byte[] {'n', 'o', 't', ' ', 'e'});

                    // and once joined, the token opens nothing more
                    assertThat(refusal(relay, link, "callee", got[1])).contains("was used already");
                }
            }
        }
    }

    @Test
    void anExpiredTokenGetsNoRelayAndNoFallback() throws Exception {
        try (ParleyClient alice = P2pServer.loggedIn(server, "e-alice");
             ParleyClient bob = P2pServer.loggedIn(server, "e-bob")) {
            Invites.Got[] first = Invites.both(alice, bob, 9);
            assertThat(alice.call(fallback(first[0].link()), Invites.LONG).type()).isEqualTo("OK");
            CLOCK.advance(Duration.ofSeconds(61));
            assertThat(refusal(first[0].relayPort(), first[0].link(), "caller", first[0]))
                    .isEqualTo("the token of link " + first[0].link() + " expired: ask for a new link");

            Invites.Got[] second = Invites.both(alice, bob, 9);
            CLOCK.advance(Duration.ofSeconds(61));
            Message late = alice.call(fallback(second[0].link()), Invites.LONG);
            assertThat(late.type()).isEqualTo("KO");
            assertThat(late.text("reason")).contains("expired before the relay was tried");
        }
    }

    @Test
    void garbageAtTheRelayIsRefusedAndHarmsNoOne() throws Exception {
        int relay = P2pServer.broker(server).relayPort();
        try (var channel = parley.p2p.link.LinkChannel.connect(new java.net.InetSocketAddress("127.0.0.1", relay),
                Raw.TIMEOUT, 1 << 20)) {
            channel.readTimeout(Raw.TIMEOUT);
            assertThat(channel.readMessage().type()).isEqualTo(P2pMessages.RELAY_CHALLENGE);
            channel.send(Message.of("LOGIN").put("pseudo", "mallory"));
            Message refused = channel.readMessage();
            assertThat(refused.type()).isEqualTo(P2pMessages.RELAY_REFUSED);
            assertThat(refused.text("reason")).contains("expects P2P_RELAY with link, role and proof first, got LOGIN");
        }
        try (var socket = new java.net.Socket("127.0.0.1", relay)) {
            socket.getOutputStream().write(new byte[] {0x7f, 0, 0, 0, 1, 2, 3}); // a 2 GiB frame header
            socket.setSoTimeout((int) Raw.TIMEOUT.toMillis());
            socket.getInputStream().readAllBytes(); // the relay closes it
        }
        try (ParleyClient alice = P2pServer.loggedIn(server, "g-alice");
             ParleyClient bob = P2pServer.loggedIn(server, "g-bob")) {
            Invites.Got[] got = Invites.both(alice, bob, 9); // the server goes on
            assertThat(got[0].link()).isNotNull();
        }
    }

    private static Message fallback(String link) {
        return Message.of(P2pMessages.FALLBACK).put("link", link).put("reason", "tried by hand");
    }

    private static String refusal(int relay, String link, String role, Invites.Got got) throws Exception {
        try (Raw.Presented presented = Raw.present(relay, link, role, got.token())) {
            Message answer = presented.answer();
            assertThat(answer.type()).isEqualTo(P2pMessages.RELAY_REFUSED);
            return answer.text("reason");
        }
    }
}
