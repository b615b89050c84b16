package parley.transport.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** Real servers for the web tests (TCP, TLS, web, rooms, vote, files), their data in a temporary folder. */
final class WebServers {

    private WebServers() {
    }

    static ParleyServer start(Path data, Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>();
        all.put("data-dir", data.toString());
        all.putAll(settings);
        ParleyServer server = TestServer.start(all);
        if (!server.failures().isEmpty()) {
            server.close();
            throw new IllegalStateException("plugins failed: " + server.failures());
        }
        return server;
    }

    static int port(ParleyServer server) {
        return server.address().getPort();
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return send(port, HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    static HttpResponse<String> send(int port, HttpRequest.Builder request) throws Exception {
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return http.send(request.timeout(WsClient.WAIT).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
