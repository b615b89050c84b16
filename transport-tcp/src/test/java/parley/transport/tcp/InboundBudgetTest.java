package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Large messages arriving at once share the server's inbound budget: once it is spent, the client that
 * needs more gets ERROR and is closed, while small messages (within the 16 KiB every reader starts
 * with) are served as before; what a closed reader held is given back.
 */
class InboundBudgetTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void whenTheBudgetIsSpentTheNextLargeMessageIsRefusedAndSmallOnesPass() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("inbound-budget", "60KiB", "max-frame-bytes", "1MiB"));
             ParleyClient small = ParleyClient.connect("127.0.0.1", server.address().getPort());
             RawClient first = RawClient.connect(server.address());
             RawClient second = RawClient.connect(server.address())) {
            small.login("small");
            byte[] header = {0, 0, (byte) 0xEA, 0x60}; // a frame of 60,000 bytes
            // each reader, once 40,000 bytes are in, holds 64 KiB: 48 KiB from a budget of 60, so only one can
            for (RawClient client : java.util.List.of(first, second)) {
                client.raw(header);
                client.raw(new byte[40_000]);
            }
            java.util.List<String> reasons = new java.util.ArrayList<>();
            for (RawClient client : java.util.List.of(first, second)) {
                try {
                    client.raw(new byte[20_000]); // the frames complete, for the one still read
                } catch (java.io.IOException e) {
                    // the refused one may be closed already
                }
                reasons.add(client.readJson().get("reason").asString());
            }
            assertThat(reasons).as("one refused for the budget, the other served (its zero bytes are no valid"
                    + " payload: an ordinary ERROR)")
                    .anySatisfy(r -> assertThat(r).startsWith("server busy").contains("inbound-budget"))
                    .anySatisfy(r -> assertThat(r).contains("binary frame"));
            assertThat(small.call(Message.of("ECHO").put("text", "small still passes"), LONG).text("text"))
                    .isEqualTo("small still passes");
        }
    }
}
