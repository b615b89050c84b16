package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;


import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Clients that start TLS and then misbehave: a ClientHello followed by garbage, a client that stops in
 * the middle of its handshake or of its first record. Each loses its own connection, bounded by
 * {@code tls.handshake-timeout}, while a client already inside TLS keeps chatting.
 */
class HandshakeAbuseTest {

    @TempDir
    static Path data;

    private static ParleyServer server;
    private static Fingerprint fingerprint;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsServers.start(data, Map.of("tls.handshake-timeout", "1s"));
        fingerprint = TlsServers.selfSigned(data);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Socket sending(byte[] bytes) throws Exception {
        Socket socket = TlsServers.plain(server);
        OutputStream out = socket.getOutputStream();
        out.write(bytes);
        out.flush();
        return socket;
    }

    @Test
    void garbageAfterAClientHelloClosesThatConnectionOnly() throws Exception {
        try (ParleyClient chatting = TlsServers.tlsClient(server, new ServerTrust.Pinned(fingerprint))) {
            assertThat(TlsServers.conn(chatting)).isEqualTo("tls/tcp/framed secure=true");
            byte[] garbage = new byte[4096];
            new java.util.Random(12).nextBytes(garbage);
            byte[] hello = TlsServers.clientHello();
            byte[] both = Arrays.copyOf(hello, hello.length + garbage.length);
            System.arraycopy(garbage, 0, both, hello.length, garbage.length);
            try (Socket abuser = sending(both)) {
                assertThat(TlsServers.closedByServer(abuser)).isTrue();
            }
            assertThat(TlsServers.conn(chatting)).isEqualTo("tls/tcp/framed secure=true");
        }
    }

    @Test
    void clientsThatStopMidHandshakeAreClosedAtTheHandshakeTimeout() throws Exception {
        try (ParleyClient chatting = TlsServers.tlsClient(server, new ServerTrust.Pinned(fingerprint))) {
            byte[] hello = TlsServers.clientHello();
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    stalled.add(sending(hello)); // then nothing: the server answers and waits for the client's Finished
                    stalled.add(sending(Arrays.copyOf(hello, hello.length / 2))); // half a record
                    stalled.add(sending(new byte[] {0x16, 0x03})); // a record header started
                }
                assertThat(TlsServers.conn(chatting)).isEqualTo("tls/tcp/framed secure=true");
                for (Socket socket : stalled) {
                    assertThat(TlsServers.closedByServer(socket)).isTrue();
                }
            } finally {
                for (Socket socket : stalled) {
                    socket.close();
                }
            }
            assertThat(TlsServers.conn(chatting)).isEqualTo("tls/tcp/framed secure=true");
            try (ParleyClient another = TlsServers.tlsClient(server, new ServerTrust.Pinned(fingerprint))) {
                assertThat(TlsServers.conn(another)).isEqualTo("tls/tcp/framed secure=true");
            }
        }
    }

    @Test
    void plainTextInsideTlsThatIsNoFormIsRefusedAsOnAPlainConnection() throws Exception {
        try (javax.net.ssl.SSLSocket socket = TlsServers.legacyTls(server, fingerprint)) {
            TlsServers.writeLine(socket, "hello");
            assertThat(TlsServers.lines(socket).readLine()).startsWith("ERROR \"a legacy line starts with a verb");
        }
    }
}
