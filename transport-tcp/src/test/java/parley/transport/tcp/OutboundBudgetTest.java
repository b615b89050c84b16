package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Clients that ask and never read cannot pin the server's memory: past the outbound budget, each is
 * disconnected once it holds more than its share, well before its own (here huge) queue limit, while a
 * client that reads is served throughout.
 */
class OutboundBudgetTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void readersThatNeverReadAreDroppedAtTheBudgetAndTheOthersAreServed() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("outbound-budget", "1MiB", "outbound-queue-bytes", "256MiB"));
             ParleyClient healthy = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            healthy.login("healthy");
            List<RawClient> hogs = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient hog = RawClient.connect(server.address());
                    hogs.add(hog);
                    byte[] asks = "HELP\n".repeat(4_000).getBytes();
                    for (int k = 0; k < 10; k++) {
                        hog.raw(asks); // 40,000 HELPs, some 40 MB of answers it never reads
                    }
                }
                await().atMost(LONG).until(() -> server.context().sessions().connections() == 1);
                assertThat(healthy.call(Message.of("ECHO").put("text", "still here"), LONG).text("text"))
                        .isEqualTo("still here");
                Message stats = healthy.call(Message.of("STATS"), LONG);
                assertThat(stats.texts("lines")).anyMatch(l -> l.startsWith("tcp_queued_bytes="))
                        .contains("tcp_slow_readers_dropped_total=3");
            } finally {
                for (RawClient hog : hogs) {
                    hog.close();
                }
            }
        }
    }
}
