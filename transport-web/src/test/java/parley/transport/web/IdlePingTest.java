package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

import parley.api.server.ParleyServer;

/** A WebSocket that stays silent is pinged at half of web.idle-timeout, then closed with 1001. */
class IdlePingTest {

    @TempDir
    static Path data;

    private static ParleyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of("web.idle-timeout", "2s"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aSilentClientIsPingedThenClosedWith1001() throws Exception {
        try (RawWs silent = RawWs.upgraded(WebServers.port(server))) {
            WebSocketFrame first = silent.next();
            try {
                assertThat(first).isInstanceOf(PingWebSocketFrame.class);
            } finally {
                first.release();
            }
            assertThat(silent.closeCode()).isEqualTo(1001);
        }
        try (WsClient other = WsClient.open(WebServers.port(server))) {
            other.send("{\"type\":\"LOGIN\",\"pseudo\":\"other\"}");
            other.await("DISPLAY_ROOM");
        }
    }
}
