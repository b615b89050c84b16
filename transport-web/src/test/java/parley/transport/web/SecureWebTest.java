package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import parley.api.Session;
import parley.api.server.ParleyServer;

/**
 * HTTPS and WSS on the same port, through the TLS plugin's selection again on the decrypted bytes;
 * the client trusts the self-signed certificate the server made in its data-dir (it names 127.0.0.1).
 */
class SecureWebTest {

    @TempDir
    static Path data;

    private static ParleyServer server;
    private static SSLContext tls;

    @BeforeAll
    static void startServer() throws Exception {
        server = WebServers.start(data, Map.of());
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(data.resolve("tls").resolve("self-signed-cert.pem"))) {
            trusted.setCertificateEntry("parley", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void httpsServesThePageWithItsPolicy() throws Exception {
        try (HttpClient https = HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build()) {
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(
                    URI.create("https://127.0.0.1:" + WebServers.port(server) + "/")).timeout(WsClient.WAIT).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
            assertThat(page.body()).containsIgnoringCase("<html");
        }
    }

    @Test
    void aWssSessionIsSecureAndLayered() throws Exception {
        try (WsClient alice = WsClient.openSecure(WebServers.port(server), tls)) {
            alice.send("{\"type\":\"LOGIN\",\"pseudo\":\"alice\"}");
            alice.await("DISPLAY_ROOM");
            Session session = server.context().sessions().byPseudo("alice").orElseThrow();
            assertThat(session.protocol()).isEqualTo("ws/tls/tcp/framed");
            assertThat(session.secure()).isTrue();

            alice.send("{\"type\":\"JOIN_ROOM\",\"room\":\"room1\",\"seq\":5}");
            JsonNode ok = alice.await("OK");
            assertThat(ok.path("seq").asLong()).isEqualTo(5);
            assertThat(ok.path("members").toString()).contains("alice");
        }
    }
}
