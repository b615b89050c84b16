package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.api.wire.BinaryFrame;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/**
 * A browser's WebSocket, a framed TCP client and a legacy text client in one room of a real server:
 * the same chat for all three, a vote asked over WebSocket, and a file sent and fetched in binary
 * messages.
 */
class WebChatTest {

    @TempDir
    static Path data;

    private static ParleyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static String readUntil(LegacyClient client, String prefix) throws IOException {
        while (true) {
            String line = client.read();
            if (line.startsWith(prefix)) {
                return line;
            }
        }
    }

    @Test
    void threeFormsChatInOneRoom() throws Exception {
        try (WsClient alice = WsClient.open(WebServers.port(server));
             ParleyClient bob = TestServer.loggedIn(server, "bob");
             LegacyClient carol = TestServer.legacy(server)) {
            alice.send("{\"type\":\"LOGIN\",\"pseudo\":\"alice\",\"seq\":1}");
            alice.await("DISPLAY_ROOM");
            assertThat(server.context().sessions().byPseudo("alice").orElseThrow().protocol()).isEqualTo("ws/tcp/framed");
            assertThat(server.context().sessions().byPseudo("alice").orElseThrow().secure()).isFalse();
            assertThat(carol.ask("LOGIN \"carol\"")).startsWith("DISPLAY_ROOM");

            alice.send("{\"type\":\"JOIN_ROOM\",\"room\":\"room1\",\"seq\":2}");
            assertThat(alice.await("OK").path("seq").asLong()).isEqualTo(2);
            assertThat(bob.call(Message.of("JOIN_ROOM").put("room", "room1"), WsClient.WAIT).type()).isEqualTo("OK");
            alice.await(m -> m.path("type").asText().equals("JOINED") && m.path("pseudo").asText().equals("bob"), "bob's JOINED");
            assertThat(carol.ask("JOIN_ROOM \"room1\"")).isEqualTo("OK");
            alice.await(m -> m.path("type").asText().equals("JOINED") && m.path("pseudo").asText().equals("carol"), "carol's JOINED");

            alice.send("{\"type\":\"MSG\",\"room\":\"room1\",\"pseudo\":\"alice\",\"msg\":\"hello from a browser é\",\"seq\":3}");
            Message atBob = bob.awaitPush(m -> m.type().equals("MSG"), WsClient.WAIT);
            assertThat(atBob.text("msg")).isEqualTo("hello from a browser é");
            assertThat(atBob.text("pseudo")).isEqualTo("alice");
            assertThat(readUntil(carol, "MSG")).isEqualTo("MSG \"room1\" \"alice\" \"hello from a browser é\"");

            bob.send(Message.of("MSG").put("room", "room1").put("pseudo", "bob").put("msg", "hi alice"));
            JsonNode fromBob = alice.await(m -> m.path("type").asText().equals("MSG") && m.path("pseudo").asText().equals("bob"), "bob's MSG");
            assertThat(fromBob.path("msg").asText()).isEqualTo("hi alice");

            carol.send("MSG \"room1\" \"carol\" \"hi all\"");
            JsonNode fromCarol = alice.await(m -> m.path("type").asText().equals("MSG") && m.path("pseudo").asText().equals("carol"), "carol's MSG");
            assertThat(fromCarol.path("msg").asText()).isEqualTo("hi all");
        }
    }

    @Test
    void aVoteAskedOverWebSocketIsAnsweredOverTcp() throws Exception {
        try (WsClient dan = WsClient.open(WebServers.port(server));
             ParleyClient erin = TestServer.loggedIn(server, "erin")) {
            dan.send("{\"type\":\"LOGIN\",\"pseudo\":\"dan\"}");
            dan.await("DISPLAY_ROOM");
            dan.send("{\"type\":\"JOIN_ROOM\",\"room\":\"room2\",\"seq\":1}");
            dan.await("OK");
            erin.call(Message.of("JOIN_ROOM").put("room", "room2"), WsClient.WAIT);

            dan.send("{\"type\":\"BEGIN_SEQUENCE\",\"seq\":101,\"action\":\"VOTE\",\"room\":\"room2\","
                    + "\"details\":{\"question\":\"Pizza tonight?\",\"timeout_ms\":20000}}");
            JsonNode ack = dan.await("ACK");
            String id = ack.path("id").asText();
            Message asked = erin.awaitPush(m -> m.type().equals("VOTE_REQUEST"), WsClient.WAIT);
            assertThat(asked.text("seq")).isEqualTo(id);
            assertThat(erin.call(Message.of("VOTE").put("seq", id).put("vote", "yes"), WsClient.WAIT).type()).isEqualTo("OK");

            JsonNode complete = dan.await("COMPLETE");
            assertThat(complete.path("seq").asLong()).isEqualTo(101);
            assertThat(complete.path("result").path("yes").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aFileGoesUpAndComesBackInBinaryMessages() throws Exception {
        byte[] file = new byte[600_000]; // three chunks of 256 KiB at most, as parley client sends
        new Random(7).nextBytes(file);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        try (WsClient fay = WsClient.open(WebServers.port(server));
             ParleyClient gus = TestServer.loggedIn(server, "gus")) {
            fay.send("{\"type\":\"LOGIN\",\"pseudo\":\"fay\"}");
            fay.await("DISPLAY_ROOM");
            fay.send("{\"type\":\"JOIN_ROOM\",\"room\":\"room3\",\"seq\":1}");
            fay.await("OK");
            gus.call(Message.of("JOIN_ROOM").put("room", "room3"), WsClient.WAIT);

            fay.send("{\"type\":\"SEND_FILE\",\"seq\":43,\"room\":\"room3\",\"meta\":{\"filename\":\"noise.bin\",\"size\":"
                    + file.length + ",\"sha256\":\"" + sha + "\"}}");
            String upload = fay.await("ACK").path("id").asText();
            for (int at = 0; at < file.length; at += 256 << 10) {
                int length = Math.min(256 << 10, file.length - at);
                fay.sendBinary(BinaryFrame.payload(upload, file, at, length));
            }
            fay.send("{\"type\":\"SEND_FILE_END\",\"seq\":\"" + upload + "\"}");
            JsonNode complete = fay.await("COMPLETE");
            String fileId = complete.path("result").path("file").path("id").asText();
            assertThat(complete.path("result").path("file").path("sha256").asText()).isEqualTo(sha);
            Message offer = gus.awaitPush(m -> m.type().equals("FILE"), WsClient.WAIT);
            assertThat(offer.get("file").path("id").asText()).isEqualTo(fileId);

            fay.send("{\"type\":\"GET_FILE\",\"seq\":9,\"id\":\"" + fileId + "\",\"tag\":\"get-1\"}");
            fay.await("ACK");
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            while (got.size() < file.length) {
                byte[] payload = fay.awaitBinary();
                BinaryFrame.Parsed parsed = BinaryFrame.parse(payload, 0, payload.length);
                assertThat(parsed.tag()).isEqualTo("get-1");
                got.write(payload, parsed.dataOffset(), parsed.dataLength());
            }
            assertThat(fay.await("COMPLETE").path("seq").asLong()).isEqualTo(9);
            assertThat(got.toByteArray()).isEqualTo(file);
        }
    }

    @Test
    void byeLogsOutAndTheServerClosesTheWebSocket() throws Exception {
        try (WsClient hal = WsClient.open(WebServers.port(server))) {
            hal.send("{\"type\":\"LOGIN\",\"pseudo\":\"hal\"}");
            hal.await("DISPLAY_ROOM");
            hal.send("{\"type\":\"BYE\",\"seq\":4}");
            assertThat(hal.await("OK").path("seq").asLong()).isEqualTo(4);
            assertThat(hal.awaitClose()).startsWith("1000");
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes);
    }
}
