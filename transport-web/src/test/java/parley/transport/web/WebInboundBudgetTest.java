package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Figure;
import parley.api.server.ParleyServer;

/**
 * Unfinished WebSocket messages take from web.inbound-budget beyond 16 KiB each: once it is spent, the
 * client that needs more is closed with 1013, and a new client is still served.
 */
class WebInboundBudgetTest {

    @TempDir
    static Path data;

    private static ParleyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of("web.inbound-budget", "100KiB", "max-frame-bytes", "1MiB"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Waits until the server's figure shows at least {@code bytes} lent from the budget. */
    private static void awaitHeld(long bytes) {
        await().atMost(WsClient.WAIT).until(() -> server.context().figures().stream()
                .filter(f -> f.name().endsWith("web_inbound_budget_used_bytes")).mapToDouble(Figure::value).sum() >= bytes);
    }

    @Test
    void theClientThatNeedsMoreThanIsLeftIsClosedWith1013() throws Exception {
        int port = WebServers.port(server);
        byte[] part = new byte[80 << 10]; // of a 900 KiB message: 64 KiB past the free 16 KiB
        try (RawWs first = RawWs.upgraded(port); RawWs second = RawWs.upgraded(port)) {
            first.frameStart(0x2, 900 << 10, part, true, true);
            awaitHeld(64 << 10); // the server holds the first's 80 KiB: 64 KiB of them from the budget
            second.frameStart(0x2, 900 << 10, part, true, true);

            assertThat(second.closeCode()).isEqualTo(1013);
        }
        await().atMost(WsClient.WAIT).until(() -> server.context().figures().stream()
                .filter(f -> f.name().endsWith("web_inbound_budget_used_bytes")).mapToDouble(Figure::value).sum() == 0);
        try (WsClient other = WsClient.open(port)) {
            other.send("{\"type\":\"LOGIN\",\"pseudo\":\"other\"}");
            other.await("DISPLAY_ROOM");
        }
    }
}
