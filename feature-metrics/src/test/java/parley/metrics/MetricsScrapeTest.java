package parley.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** A real server with the metrics plugin, scraped over real HTTP; the text format parsed. */
class MetricsScrapeTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(LONG).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(LONG).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The samples of a text-format answer: "name{labels}" to value; comments left out. */
    static Map<String, Double> samples(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
        }
        return out;
    }

    @Test
    void aScrapeHasTheServersFiguresAndTheJvms() throws Exception {
        int port = freePort();
        ParleyServer server = TestServer.start(Map.of("metrics.port", Integer.toString(port)));
        try (ParleyClient alice = TestServer.loggedIn(server, "alice")) {
            HttpResponse<String> response = get(port, "/metrics");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            assertThat(response.body()).contains("# TYPE parley_messages_in_total counter").contains("# HELP parley_connections");
            Map<String, Double> samples = samples(response.body());
            assertThat(samples).containsEntry("parley_connections{protocol=\"tcp/framed\"}", 1.0)
                    .containsEntry("parley_sessions_logged_in", 1.0);
            assertThat(samples.get("parley_messages_in_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(samples.get("parley_messages_out_total")).isGreaterThanOrEqualTo(1.0);
            assertThat(samples.get("parley_heap_used_bytes")).isPositive();
            assertThat(samples.get("jvm_memory_used_bytes{area=\"heap\"}")).isPositive();
            assertThat(samples.keySet()).anyMatch(k -> k.startsWith("jvm_gc_collections_total{gc="));
            // the LOGIN frame was counted when read, before it was handled
            assertThat(samples.get("parley_tcp_read_bytes_total")).isGreaterThanOrEqualTo(4.0 + "alice".length());
            // DISPLAY_ROOM reached alice; its writer counts it just after the write returns
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (samples.getOrDefault("parley_tcp_written_bytes_total", 0.0) == 0.0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
                samples = samples(get(port, "/metrics").body());
            }
            assertThat(samples.get("parley_tcp_written_bytes_total")).isGreaterThan(4.0);
        } finally {
            server.close();
        }
    }

    @Test
    void otherPathsAreRefusedAndTheListenerClosesWithTheServer() throws Exception {
        int port = freePort();
        ParleyServer server = TestServer.start(Map.of("metrics.port", Integer.toString(port)));
        try {
            assertThat(get(port, "/").statusCode()).isEqualTo(404);
        } finally {
            server.close();
        }
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port); // the port was given back
        }
    }

    @Test
    void offByDefault() throws Exception {
        ParleyServer server = TestServer.start(Map.of());
        try {
            assertThat(server.plugins()).anyMatch(p -> p.name().equals("metrics"));
        } finally {
            server.close();
        }
    }
}
