package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import parley.api.server.ParleyServer;

/**
 * The browser client's files over real HTTP: types, the security and cache headers, HEAD, 304, 404,
 * 405, keep-alive, and paths that try to leave the folder. The files are the test's own, in
 * {@code parley/web/client/} of the test resources.
 */
class StaticFilesTest {

    @TempDir
    static Path data;

    private static ParleyServer server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of());
        port = WebServers.port(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    @Test
    void aScriptHasItsTypeAndTheHeaders() throws Exception {
        HttpResponse<String> script = WebServers.get(port, "/fixture.js");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(script.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(script.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'self'", "script-src 'self'", "connect-src 'self' ws: wss:");
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(script.headers().firstValue("ETag")).isPresent();
        assertThat(script.body()).contains("export const fixture");
        assertThat(WebServers.get(port, "/fixture.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
        assertThat(WebServers.get(port, "/fixture.html").headers().firstValue("Content-Type"))
                .hasValue("text/html; charset=utf-8");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() throws Exception {
        String etag = WebServers.get(port, "/fixture.js").headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> again = WebServers.send(port, request("/fixture.js").header("If-None-Match", etag).GET());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void headGivesTheHeadersWithoutTheBody() throws Exception {
        try (RawWs raw = new RawWs(port)) {
            String head = raw.request("HEAD /fixture.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertThat(head).startsWith("HTTP/1.1 200").containsIgnoringCase("content-length: 34")
                    .containsIgnoringCase("content-type: text/javascript");
            assertThat(raw.rest()).isEmpty();
        }
    }

    @Test
    void anUnknownPathIs404WithTheHeaders() throws Exception {
        HttpResponse<String> missing = WebServers.get(port, "/nothing-here.js");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(missing.body()).contains("/nothing-here.js");
    }

    @Test
    void otherMethodsGet405() throws Exception {
        HttpResponse<String> post = WebServers.send(port, request("/").POST(HttpRequest.BodyPublishers.ofString("x")));
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(WebServers.send(port, request("/fixture.js").DELETE()).statusCode()).isEqualTo(405);
    }

    @Test
    void oneConnectionServesRequestsOneAfterTheOther() throws Exception {
        try (RawWs raw = new RawWs(port)) {
            assertThat(raw.request("GET /fixture.css HTTP/1.1\r\nHost: x\r\n\r\n")).startsWith("HTTP/1.1 200")
                    .containsIgnoringCase("content-length: 23");
            assertThat(raw.body(23)).isEqualTo("body { color: black; }\n");
            assertThat(raw.request("GET /fixture.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                    .startsWith("HTTP/1.1 200");
            assertThat(raw.rest()).contains("export const fixture");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd",
            "/%2e%2e%2fmodule-info.class", "/parley/transport/web/WebProtocol.class", "/..\\..\\etc\\passwd",
            "//etc/passwd", "/fixture.js/..", "/./fixture.js", "/.fixture.js", "/fixture.js%00.html", "/%252e%252e/x.js",
            "/module-info.class", "/WebProtocol.class", "/META-INF/MANIFEST.MF", "/parley/web/client/fixture.js"})
    void pathsThatLeaveTheFolderAreRefused(String path) throws Exception {
        try (RawWs raw = new RawWs(port)) {
            String head = raw.request("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String body = raw.rest();
            assertThat(head).matches("(?s)HTTP/1.1 (404|400) .*");
            assertThat(body).doesNotContain("root:").doesNotContain("<project").doesNotContain("Manifest")
                    .doesNotContain("export const fixture");
        }
    }
}
