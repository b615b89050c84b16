package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;


import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Fuzzing of TLS detection and the handshake behind it, over real sockets: a connection that starts
 * like TLS and goes on with anything (random records, a real ClientHello with bytes changed or cut),
 * then half-closes, ends in an alert or a close (the server sees the end of its input), and a client inside TLS
 * is served after each one. Bounded: a few hundred connections.
 */
class TlsFuzzTest {

    private static Path data;
    private static ParleyServer server;
    private static ParleyClient witness;
    private static byte[] hello;

    @BeforeContainer
    static void start() throws Exception {
        data = Files.createTempDirectory("parley-tls-fuzz");
        server = TlsServers.start(data, Map.of("login-timeout", "0"));
        witness = TlsServers.tlsClient(server, ServerTrust.pinned(TlsServers.selfSigned(data).toString()));
        assertThat(TlsServers.conn(witness)).isEqualTo("tls/tcp/framed secure=true");
        hello = TlsServers.clientHello();
    }

    @AfterContainer
    static void stop() {
        witness.close();
        server.close();
    }

    @Provide
    Arbitrary<byte[]> recordHeads() {
        Arbitrary<Integer> type = Arbitraries.of(20, 21, 22, 23, 24, 0, 255);
        Arbitrary<Integer> minor = Arbitraries.integers().between(0, 5);
        Arbitrary<Integer> length = Arbitraries.integers().between(0, 65_535);
        return net.jqwik.api.Combinators.combine(type, minor, length)
                .as((t, m, l) -> new byte[] {0x16, 0x03, (byte) (int) m, (byte) (l >>> 8), (byte) (int) l, (byte) (int) t});
    }

    @Property(tries = 150)
    void anyRecordAfterATlsStartEndsAndHurtsNoOne(@ForAll("recordHeads") byte[] head,
                                                 @ForAll @Size(max = 400) byte[] rest) throws IOException {
        exchange(concat(head, rest));
    }

    @Property(tries = 150)
    void aClientHelloWithBytesChangedOrCutEndsAndHurtsNoOne(@ForAll @Size(max = 8) List<@IntRange(min = 0, max = 1 << 16) Integer> positions,
                                                           @ForAll byte value,
                                                           @ForAll @IntRange(min = 1, max = 1 << 16) int cut) throws IOException {
        byte[] mutated = Arrays.copyOf(hello, Math.min(hello.length, cut));
        for (int position : positions) {
            mutated[position % mutated.length] ^= (byte) (value | 1);
        }
        exchange(mutated);
    }

    private static void exchange(byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout((int) TlsServers.WAIT.toMillis());
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput(); // no more: the server must come to an end with what it has
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            long received = 0;
            try {
                int n;
                while ((n = in.read(sink)) >= 0) {
                    received += n;
                    assertThat(received).as("answers to a broken handshake stay small").isLessThan(1 << 20);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a half-closed connection open for " + TlsServers.WAIT, e);
            } catch (IOException e) {
                // reset by the server: an end too
            }
        }
        assertThat(TlsServers.conn(witness)).isEqualTo("tls/tcp/framed secure=true");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
