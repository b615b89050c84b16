package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import parley.api.server.ParleyServer;

/** The first steps over real sockets: the page at / and a WebSocket that logs in. */
class WebSocketSkeletonTest {

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

    @Test
    void theRootServesThePageWithItsPolicy() throws Exception {
        HttpResponse<String> page = WebServers.get(WebServers.port(server), "/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(page.body()).containsIgnoringCase("<html");
    }

    @Test
    void aWebSocketLogsInAndGetsTheRooms() throws Exception {
        try (WsClient alice = WsClient.open(WebServers.port(server))) {
            alice.send("{\"type\":\"LOGIN\",\"pseudo\":\"alice\",\"seq\":1}");
            JsonNode rooms = alice.await("DISPLAY_ROOM");

            assertThat(rooms.path("seq").asLong()).isEqualTo(1);
            assertThat(rooms.path("rooms").isArray()).isTrue();
            assertThat(rooms.path("rooms").size()).isPositive();
        }
    }
}
