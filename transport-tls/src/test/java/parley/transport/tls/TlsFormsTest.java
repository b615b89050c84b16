package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Both forms inside TLS on the TCP port, beside plain clients (permissive, the default), over real
 * loopback sockets with the self-signed certificate the server makes in its data-dir.
 */
class TlsFormsTest {

    @TempDir
    static Path data;

    private static ParleyServer server;
    private static Fingerprint fingerprint;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsServers.start(data, Map.of());
        fingerprint = TlsServers.selfSigned(data);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void aFramedClientInsideTlsIsSecureAndLayered() throws Exception {
        try (ParleyClient client = TlsServers.tlsClient(server, new ServerTrust.Pinned(fingerprint))) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
            client.login("alice");
            assertThat(client.call(Message.of("CONN"), TlsServers.WAIT).type()).isEqualTo("CONN_IS");
        }
    }

    @Test
    void aLegacyClientInsideTlsIsSecureAndLayered() throws Exception {
        try (SSLSocket socket = TlsServers.legacyTls(server, fingerprint)) {
            assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            TlsServers.writeLine(socket, "CONN");
            BufferedReader in = TlsServers.lines(socket);
            assertThat(in.readLine()).isEqualTo("CONN_IS \"tls/tcp/legacy secure=true\"");
            TlsServers.writeLine(socket, "LOGIN \"bob\"");
            assertThat(in.readLine()).startsWith("DISPLAY_ROOM");
        }
    }

    @Test
    void tlsTwelveWorksToo() throws Exception {
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLSv1.2");
        context.init(null, new javax.net.ssl.TrustManager[] {new FingerprintTrustManager(
                seen -> seen.equals(fingerprint) ? null : "not pinned")}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout((int) TlsServers.WAIT.toMillis());
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            TlsServers.writeLine(socket, "CONN");
            assertThat(TlsServers.lines(socket).readLine()).isEqualTo("CONN_IS \"tls/tcp/legacy secure=true\"");
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
        }
    }

    @Test
    void plainClientsStillWorkByDefault() throws Exception {
        try (ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(TlsServers.conn(client)).isEqualTo("tcp/framed secure=false");
        }
        try (Socket socket = TlsServers.plain(server)) {
            TlsServers.writeLine(socket, "CONN");
            assertThat(TlsServers.lines(socket).readLine()).isEqualTo("CONN_IS \"tcp/legacy secure=false\"");
        }
    }

    @Test
    void theServerMadeItsSelfSignedCertificateOnceInItsDataDir() throws Exception {
        assertThat(data.resolve("tls").resolve(SelfSigned.KEY_FILE)).isRegularFile();
        ParleyServer again = TlsServers.start(data, Map.of());
        try (again) {
            assertThat(TlsServers.selfSigned(data)).isEqualTo(fingerprint);
            try (ParleyClient client = TlsServers.tlsClient(again, new ServerTrust.Pinned(fingerprint))) {
                assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
            }
        }
    }
}
