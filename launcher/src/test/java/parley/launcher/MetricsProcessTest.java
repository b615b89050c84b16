package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.client.ParleyClient;

/**
 * The metrics plugin as the launcher loads it: a folder in plugins/ of its jar and its libraries,
 * needing java.management from the boot layer. (feature-metrics' own test parses a scrape in detail.)
 */
class MetricsProcessTest {

    @TempDir
    Path temp;

    @Test
    void theMetricsFolderLoadsAndServesTheServersFigures() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.METRICS);
        int metricsPort;
        try (ServerSocket free = new ServerSocket(0)) {
            metricsPort = free.getLocalPort();
        }
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--host", "127.0.0.1",
                "--plugins", plugins.toString(), "--set", "metrics.port=" + metricsPort)) {
            int port = server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).anyMatch(l -> l.contains("plugin metrics"));
            server.awaitErrLine(l -> l.contains("metrics: serving http://127.0.0.1:" + metricsPort + "/metrics"), TestPlugins.LONG);
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
                String scrape = get(metricsPort);
                assertThat(scrape).startsWith("HTTP/1.1 200").contains("parley_sessions_logged_in 1")
                        .contains("parley_connections{protocol=\"tcp/framed\"} 1").contains("jvm_gc_collections_total");
            }
        }
    }

    private static String get(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
