package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import tools.jackson.databind.JsonNode;

/** Binary data frames: routed by tag, checked for shape, streamed back with backpressure. */
class BinaryFrameTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void uploadedChunksReachTheirRouteInOrder() throws Exception {
        try (ParleyServer server = TestServers.start();
             ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            client.expect(Message.of("UPLOAD").put("tag", "up-1"), "OK");
            MessageDigest sent = TestPlugin.sha256();
            Random random = new Random(7);
            byte[] chunk = new byte[100_000];
            for (int i = 0; i < 100; i++) {
                random.nextBytes(chunk);
                sent.update(chunk);
                client.sendBinary("up-1", chunk, 0, chunk.length);
            }
            Message done = client.expect(Message.of("UPLOAD_DONE").put("tag", "up-1"), "UPLOADED");
            assertThat(done.text("sha256")).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        }
    }

    @Test
    void binaryFrameWithoutARouteOrWithABadTagGetsErrorAndTheConnectionStays() throws Exception {
        try (ParleyServer server = TestServers.start();
             RawClient raw = RawClient.connect(server.address())) {
            raw.frame(new byte[] {0, 3, 'a', 'b', 'c', 1, 2, 3});
            assertThat(raw.readJson().get("reason").asString()).contains("no open binary stream 'abc'");
            raw.frame(new byte[] {0, 0, 1, 2});
            assertThat(raw.readJson().get("reason").asString()).contains("bad tag length 0");
            raw.frame(new byte[] {0, 2, 'a', ' ', 9});
            assertThat(raw.readJson().get("reason").asString()).contains("printable ASCII");
            raw.json("{\"type\":\"ECHO\",\"text\":\"alive\"}");
            JsonNode echo = raw.readJson();
            assertThat(echo.get("text").asString()).isEqualTo("alive");
        }
    }

    @Test
    void aStreamingSenderWaitsForTheQueueInsteadOfOverflowingIt() throws Exception {
        long size = 64L << 20; // 64 MiB through a 1 MiB queue
        try (ParleyServer server = TestServers.start(Map.of("outbound-queue-bytes", "1MiB"));
             ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            MessageDigest received = TestPlugin.sha256();
            long[] count = {0};
            client.onBinary("down-1", data -> {
                count[0] += data.remaining();
                received.update(data);
            });
            client.expect(Message.of("DOWNLOAD").put("tag", "down-1").put("size", size), "OK");
            Message done = client.awaitPush("DOWNLOADED", LONG);
            assertThat(count[0]).isEqualTo(size);
            assertThat(done.text("sha256")).isEqualTo(HexFormat.of().formatHex(received.digest()));
            assertThat(client.isOpen()).isTrue();
        }
    }
}
