package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** With web.enabled=false the port speaks no HTTP: a request line is a legacy line like any other. */
class WebDisabledTest {

    @TempDir
    static Path data;

    private static ParleyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of("web.enabled", "false"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aRequestLineGetsALegacyAnswer() throws Exception {
        try (LegacyClient browser = TestServer.legacy(server)) {
            String answer = browser.ask("GET / HTTP/1.1");
            assertThat(answer).doesNotStartWith("HTTP/").matches("(ERROR|KO) .*");
        }
    }
}
