package parley.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.api.wire.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * Over real sockets, with the files plugin: file chunks count against the byte budget, not the request
 * budget. An upload far over the byte burst is slowed down, never refused, and arrives whole; the
 * uploader's other requests and the rest of the room go on meanwhile.
 */
class PacedUploadTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path spool;

    @Test
    void anUploadOverTheByteBudgetIsPacedAndArrivesWhole() throws Exception {
        byte[] content = new byte[1 << 20];
        new Random(7).nextBytes(content);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        try (ParleyServer server = ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0",
                "files.spool-dir", spool.toString(), "limits.request-burst", "10", "limits.requests-per-second", "2",
                "limits.bytes-per-second", "256KiB", "limits.byte-burst", "64KiB")));
             ParleyClient alice = member(server, "p-alice");
             ParleyClient bob = member(server, "p-bob")) {
            ObjectNode meta = Json.object();
            meta.put("filename", "paced.bin");
            meta.put("size", content.length);
            meta.put("sha256", sha256);
            SequenceHandle upload = alice.begin(Message.of("SEND_FILE").put("room", "room1").put("meta", meta),
                    "SEND_FILE", "room1", LONG);
            String tag = upload.ack().get().text("id");
            int chunk = 16 * 1024;
            for (int at = 0; at < content.length; at += chunk) {
                alice.sendBinary(tag, content, at, chunk); // 64 chunks: far more than the request budget allows
            }
            alice.send(Message.of("SEND_FILE_END").put(Message.SEQ, tag));

            ObjectNode result = upload.await(LONG);

            assertThat(result.get("file").get("size").asLong()).isEqualTo(content.length);
            assertThat(result.get("file").get("sha256").asString()).isEqualTo(sha256);
            assertThat(bob.awaitPush("FILE", LONG).get("file").get("filename").asString()).isEqualTo("paced.bin");
            assertThat(bob.call(Message.of("MSG").put("room", "room1").put("msg", "still here"), LONG).type())
                    .isEqualTo("OK");
            Message stats = bob.call(Message.of("STATS"), LONG);
            assertThat(stats.texts("lines")).as("about 3.75 s of pacing: 960KiB over the burst at 256KiB/s")
                    .anyMatch(line -> line.matches("limits_paced_seconds_total=[1-9]\\d*"))
                    .contains("limits_bytes_refused_total=0", "limits_refused_total=0");
        }
    }

    private static ParleyClient member(ParleyServer server, String pseudo) throws Exception {
        ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort());
        client.login(pseudo);
        client.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
        return client;
    }
}
