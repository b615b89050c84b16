package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.LinkMode;
import parley.p2p.client.P2pLink;

/** The relay's limits, from the server's settings: told to both sides up front, and enforced. */
class RelayLimitsTest {

    @TempDir
    Path temp;

    @Test
    void theByteLimitIsToldUpFrontAndEnforced() throws Exception {
        try (ParleyServer server = P2pServer.start(Map.of("p2p.relay-max-bytes", "256KiB"));
             Side alice = Side.join(server, "alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(RelayFallbackTest.closedPort()))) {
            P2pLink link = alice.p2p.open("bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.RELAYED);
            assertThat(link.relayLimits().maxBytes()).isEqualTo(256 * 1024);
            assertThat(bob.events.awaitLinked().relayLimits().maxBytes()).isEqualTo(256 * 1024);

            // a file the relay cannot carry is refused before a byte leaves
            Path big = DirectLinkTest.randomFile(temp.resolve("big.bin"), 300 * 1024);
            assertThatThrownBy(() -> link.sendFile(big, null).get(20, TimeUnit.SECONDS))
                    .hasMessageContaining("more than the relay has left for this link");
            assertThat(link.isOpen()).isTrue();

            // words past the limit: the relay cuts the link and both sides are told why
            String words = "x".repeat(60 * 1024);
            for (int i = 0; i < 6 && link.isOpen(); i++) {
                try {
                    link.say(words);
                } catch (java.io.IOException cut) {
                    break;
                }
            }
            await().atMost(P2pServer.LONG).until(() -> alice.events.endings().contains("byte limit of 262144 bytes"));
            await().atMost(P2pServer.LONG).until(() -> bob.events.endings().contains("byte limit of 262144 bytes"));
            await().atMost(P2pServer.LONG).until(() -> alice.p2p.links().isEmpty() && bob.p2p.links().isEmpty());
        }
    }

    @Test
    void theDurationLimitIsEnforced() throws Exception {
        try (ParleyServer server = P2pServer.start(Map.of("p2p.relay-max-duration", "3s"));
             Side alice = Side.join(server, "alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(RelayFallbackTest.closedPort()))) {
            P2pLink link = alice.p2p.open("bob").get(20, TimeUnit.SECONDS);
            assertThat(link.relayLimits().maxDuration()).hasSeconds(3);
            await().atMost(P2pServer.LONG).until(() -> alice.events.endings().contains("time limit of 3 s"));
            await().atMost(P2pServer.LONG).until(() -> bob.events.endings().contains("time limit of 3 s"));
            assertThat(link.isOpen()).isFalse();
        }
    }

    @Test
    void withoutARelayAFailedDirectLinkFailsWithTheReason() throws Exception {
        try (ParleyServer server = P2pServer.start(Map.of("p2p.relay-max-links", "0"));
             Side alice = Side.join(server, "alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "bob", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(RelayFallbackTest.closedPort()))) {
            assertThat(P2pServer.broker(server).relayPort()).isEqualTo(-1);
            assertThatThrownBy(() -> alice.p2p.open("bob").get(20, TimeUnit.SECONDS))
                    .hasMessageContaining("refused the connection), and the server runs no relay");
            await().atMost(P2pServer.LONG).until(() -> alice.events.failed.stream().anyMatch(f -> f.startsWith("bob: ")));
        }
    }
}
