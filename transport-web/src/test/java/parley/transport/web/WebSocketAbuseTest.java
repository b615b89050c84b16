package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/**
 * Hostile WebSocket and HTTP clients on a real server with small limits: each gets its HTTP status or
 * close code, and after each one a new browser still logs in.
 */
class WebSocketAbuseTest {

    private static final int LIMIT = 64 << 10;

    @TempDir
    static Path data;

    private static ParleyServer server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of("max-frame-bytes", Integer.toString(LIMIT),
                "outbound-queue-bytes", "64KiB", "web.head-timeout", "2s"));
        port = WebServers.port(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Whatever the test did, the server still serves a new browser. */
    @AfterEach
    void othersAreStillServed() throws Exception {
        try (WsClient other = WsClient.open(port)) {
            other.send("{\"type\":\"LOGIN\",\"pseudo\":\"other\"}");
            other.await("DISPLAY_ROOM");
        }
        await().atMost(WsClient.WAIT).until(() -> server.context().sessions().byPseudo("other").isEmpty());
    }

    private static String upgrade(String extraHeaders) throws Exception {
        try (RawWs raw = new RawWs(port)) {
            return raw.request("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + extraHeaders + "\r\n");
        }
    }

    @Test
    void anUpgradeWithoutAKeyGets400() throws Exception {
        assertThat(upgrade("Sec-WebSocket-Version: 13\r\n")).startsWith("HTTP/1.1 400");
    }

    @Test
    void anotherVersionGets426NamingVersion13() throws Exception {
        String head = upgrade("Sec-WebSocket-Key: MDEyMzQ1Njc4OWFiY2RlZg==\r\nSec-WebSocket-Version: 8\r\n");
        assertThat(head).startsWith("HTTP/1.1 426").containsIgnoringCase("sec-websocket-version: 13");
    }

    @Test
    void aPostToTheWebSocketGets405() throws Exception {
        try (RawWs raw = new RawWs(port)) {
            assertThat(raw.request("POST /ws HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")).startsWith("HTTP/1.1 405")
                    .containsIgnoringCase("allow: GET");
        }
    }

    @Test
    void headersOverTheLimitGet431() throws Exception {
        try (RawWs raw = new RawWs(port)) {
            String head = raw.request("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(9000) + "\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 431");
            assertThat(raw.rest()).contains("web.max-head-bytes");
        }
    }

    @Test
    void aRequestLineOverTheLimitGets414() throws Exception {
        try (RawWs raw = new RawWs(port)) {
            assertThat(raw.request("GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 414");
        }
    }

    @Test
    void aHeadThatNeverEndsIsClosedAtTheDeadline() throws Exception {
        try (RawWs raw = new RawWs(port)) {
            raw.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.head()).isEmpty(); // closed with nothing said, within web.head-timeout
        }
    }

    @Test
    void aMessageOverMaxFrameBytesCloses1009() throws Exception {
        try (WsClient big = WsClient.open(port)) {
            big.socket.sendText("{\"type\":\"PING\",\"pad\":\"" + "x".repeat(LIMIT) + "\"}", true);
            assertThat(big.awaitClose()).startsWith("1009");
        }
    }

    @Test
    void aFragmentedMessageIsPutTogether() throws Exception {
        try (WsClient split = WsClient.open(port)) {
            split.socket.sendText("{\"type\":\"LOG", false).join();
            split.socket.sendText("IN\",\"pseudo\":\"spl", false).join();
            split.socket.sendText("it\"}", true).join();
            assertThat(split.await("DISPLAY_ROOM").path("rooms").size()).isPositive();
        }
    }

    @Test
    void fragmentsOverTheLimitTogetherClose1009() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            byte[] part = "x".repeat(30 << 10).getBytes(StandardCharsets.US_ASCII);
            raw.frame(0x1, part, false, true);
            raw.frame(0x0, part, false, true);
            raw.frame(0x0, part, true, true);
            assertThat(raw.closeCode()).isEqualTo(1009);
        }
    }

    @Test
    void invalidUtf8InATextMessageCloses1007() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.frame(0x1, new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', '}'}, true, true);
            assertThat(raw.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void aBinaryMessageThatIsNotABinaryFrameCloses1003() throws Exception {
        try (WsClient wrong = WsClient.open(port)) {
            wrong.sendBinary("{\"type\":\"LOGIN\",\"pseudo\":\"bin\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(wrong.awaitClose()).startsWith("1003");
        }
    }

    @Test
    void aTextMessageThatStartsLikeABinaryFrameCloses1003() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.frame(0x1, new byte[] {0, 1, 'a', 'b'}, true, true);
            assertThat(raw.closeCode()).isEqualTo(1003);
        }
    }

    @Test
    void anUnknownOpcodeCloses1002() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.frame(0x3, new byte[] {1, 2, 3}, true, true);
            assertThat(raw.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void reservedBitsWithNoExtensionClose1002() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.frame(0x40 | 0x1, "{\"type\":\"PING\"}".getBytes(StandardCharsets.UTF_8), true, true); // RSV1
            assertThat(raw.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void aContinuationWithNothingToContinueCloses1002() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.frame(0x0, "{}".getBytes(StandardCharsets.UTF_8), true, true);
            assertThat(raw.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void anUnmaskedFrameCloses1002() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.frame(0x1, "{\"type\":\"PING\"}".getBytes(StandardCharsets.UTF_8), true, false);
            assertThat(raw.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void badJsonGetsAnErrorAndTheWebSocketStaysOpen() throws Exception {
        try (WsClient sloppy = WsClient.open(port)) {
            sloppy.send("{not json");
            assertThat(sloppy.await("ERROR").path("reason").asText()).isNotBlank();
            sloppy.send("{\"type\":\"LOGIN\",\"pseudo\":\"sloppy\"}");
            sloppy.await("DISPLAY_ROOM");
        }
    }

    @Test
    void aCloseFromTheClientIsAnsweredAndEndsTheSession() throws Exception {
        try (RawWs raw = RawWs.upgraded(port)) {
            raw.text("{\"type\":\"LOGIN\",\"pseudo\":\"leaver\"}");
            await().atMost(WsClient.WAIT).until(() -> server.context().sessions().byPseudo("leaver").isPresent());
            raw.frame(0x8, new byte[] {0x03, (byte) 0xE8}, true, true); // 1000
            assertThat(raw.closeCode()).isEqualTo(1000);
            await().atMost(WsClient.WAIT).until(() -> server.context().sessions().byPseudo("leaver").isEmpty());
        }
    }

    @Test
    void aBrowserThatNeverReadsIsDroppedLikeOnTcp() throws Exception {
        try (RawWs slow = new RawWs(port, 4096);
             ParleyClient talker = TestServer.loggedIn(server, "talker")) {
            slow.upgrade();
            slow.text("{\"type\":\"LOGIN\",\"pseudo\":\"slow\"}");
            slow.text("{\"type\":\"JOIN_ROOM\",\"room\":\"room1\"}");
            await().atMost(WsClient.WAIT).until(() -> server.context().sessions().byPseudo("slow").isPresent());
            await().atMost(WsClient.WAIT).until(() -> talker.call(Message.of("JOIN_ROOM").put("room", "room1"), WsClient.WAIT)
                    .texts("members").contains("slow"));
            String chunk = "y".repeat(4000); // under the rooms' max-message-length
            for (int i = 0; i < 20_000 && server.context().sessions().byPseudo("slow").isPresent(); i++) {
                Message answer = talker.call(Message.of("MSG").put("room", "room1").put("pseudo", "talker").put("msg", chunk),
                        WsClient.WAIT);
                assertThat(answer.type()).isEqualTo("OK");
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> server.context().sessions().byPseudo("slow").isEmpty());
            assertThat(talker.isOpen()).isTrue();
        }
    }
}
