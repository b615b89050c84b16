package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.api.wire.Frames;
import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;

/** {@code tls.required=true}: plain-text connections get an ERROR in their own form and are closed; TLS ones are served. */
class TlsRequiredTest {

    @TempDir
    static Path data;

    private static ParleyServer server;
    private static Fingerprint fingerprint;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsServers.start(data, Map.of("tls.required", "true"));
        fingerprint = TlsServers.selfSigned(data);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aPlainLegacyClientIsToldToUseTlsAndClosed() throws Exception {
        try (Socket socket = TlsServers.plain(server)) {
            TlsServers.writeLine(socket, "LOGIN \"alice\"");
            assertThat(TlsServers.lines(socket).readLine())
                    .startsWith("ERROR \"this server takes TLS connections only (tls.required=true)");
            assertThat(TlsServers.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void aPlainFramedClientIsToldInAFrameAndClosed() throws Exception {
        try (Socket socket = TlsServers.plain(server)) {
            OutputStream out = socket.getOutputStream();
            out.write(Frames.frame("{\"type\":\"CONN\"}".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] payload = new byte[in.readInt()];
            in.readFully(payload);
            JsonNode error = Json.parse(payload);
            assertThat(error.get("type").asString()).isEqualTo("ERROR");
            assertThat(error.get("reason").asString()).contains("tls.required=true").contains("--tls");
            assertThat(TlsServers.closedByServer(socket)).isTrue();
        }
    }

    @Test
    void bothFormsInsideTlsAreServed() throws Exception {
        try (ParleyClient client = TlsServers.tlsClient(server, new ServerTrust.Pinned(fingerprint))) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
        }
        try (javax.net.ssl.SSLSocket socket = TlsServers.legacyTls(server, fingerprint)) {
            TlsServers.writeLine(socket, "CONN");
            assertThat(TlsServers.lines(socket).readLine()).isEqualTo("CONN_IS \"tls/tcp/legacy secure=true\"");
        }
    }
}
