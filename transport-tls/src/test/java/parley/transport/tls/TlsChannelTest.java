package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TlsChannel} between two real engines over a loopback socket: what it holds while it waits for
 * the peer's next record, and records that arrive a byte at a time.
 */
class TlsChannelTest {

    @TempDir
    Path data;

    /** The server's end of a handshaken pair, and the client's, and their sockets. */
    private record Pair(TlsChannel server, TlsChannel client, SocketChannel serverSocket, SocketChannel clientSocket)
            implements AutoCloseable {
        @Override
        public void close() throws IOException {
            serverSocket.close();
            clientSocket.close();
        }
    }

    /** Connects on loopback and runs both handshakes; the client writes through {@code clientBelow}'s wrapping. */
    private Pair pair(java.util.function.UnaryOperator<ByteChannel> clientBelow) throws Exception {
        Credentials credentials = new Credentials(SelfSigned.ensure(data.resolve("tls")));
        Fingerprint pin = credentials.fingerprint();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new FingerprintTrustManager(seen -> seen.equals(pin) ? null : "not pinned")}, null);
        SSLEngine clientEngine = context.createSSLEngine("127.0.0.1", 1);
        clientEngine.setUseClientMode(true);
        clientEngine.setEnabledProtocols(Credentials.PROTOCOLS);
        try (ServerSocketChannel listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            SocketChannel clientSocket = SocketChannel.open(listener.getLocalAddress());
            clientSocket.setOption(StandardSocketOptions.TCP_NODELAY, true);
            SocketChannel serverSocket = listener.accept();
            TlsChannel server = new TlsChannel(credentials.engine(), serverSocket);
            TlsChannel client = new TlsChannel(clientEngine, clientBelow.apply(clientSocket));
            Thread serverSide = Thread.ofVirtual().start(() -> {
                try {
                    server.handshake();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            client.handshake();
            serverSide.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(serverSide.isAlive()).as("the server's handshake ended").isFalse();
            return new Pair(server, client, serverSocket, clientSocket);
        }
    }

    /** Reads {@code channel} on a thread of its own into {@code into}, until the end or a failure. */
    private static Thread reader(TlsChannel channel, ByteArrayOutputStream into) {
        return Thread.ofVirtual().start(() -> {
            ByteBuffer buffer = ByteBuffer.allocate(8192);
            try {
                while (channel.read(buffer.clear()) >= 0) {
                    synchronized (into) {
                        into.write(buffer.array(), 0, buffer.position());
                    }
                }
            } catch (IOException e) {
                // the test closed the sockets
            }
        });
    }

    private static int size(ByteArrayOutputStream out) {
        synchronized (out) {
            return out.size();
        }
    }

    private static void write(TlsChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static void awaitUntil(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(condition.getAsBoolean()).as("within 30 s: " + what).isTrue();
    }

    @Test
    void aReaderWaitingForTheNextRecordHoldsNoPooledBuffer() throws Exception {
        try (Pair pair = pair(below -> below)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Thread reading = reader(pair.server(), got);
            byte[] big = new byte[100_000]; // several records, so the reader holds buffers between them
            Arrays.fill(big, (byte) 'x');
            write(pair.client(), "hello".getBytes());
            write(pair.client(), big);
            awaitUntil("all the bytes read", () -> size(got) == 5 + big.length);

            awaitUntil("the reader waiting with nothing held", () -> pair.server().held() == 0);

            write(pair.client(), "again".getBytes()); // and it reads on from there
            awaitUntil("the next record read", () -> size(got) == 10 + big.length);
            synchronized (got) {
                byte[] all = got.toByteArray();
                assertThat(new String(all, 0, 5)).isEqualTo("hello");
                assertThat(new String(all, all.length - 5, 5)).isEqualTo("again");
            }
            pair.close();
            reading.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    @Test
    void recordsThatArriveAByteAtATimeAreReadWhole() throws Exception {
        try (Pair pair = pair(TlsChannelTest::byteAtATime)) {
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            Thread reading = reader(pair.server(), got);
            ByteArrayOutputStream sent = new ByteArrayOutputStream();
            for (int i = 0; i < 20; i++) {
                byte[] message = ("message " + i + " " + "y".repeat(i * 97)).getBytes();
                sent.write(message);
                write(pair.client(), message);
            }
            byte[] expected = sent.toByteArray();
            awaitUntil("every byte read", () -> size(got) >= expected.length);
            synchronized (got) {
                assertThat(got.toByteArray()).isEqualTo(expected);
            }
            awaitUntil("nothing held between whole records", () -> pair.server().held() == 0);
            pair.close();
            reading.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    /** Writes to {@code below} one byte per call, so the peer's reads see records cut anywhere, headers too. */
    private static ByteChannel byteAtATime(ByteChannel below) {
        return new ByteChannel() {
            @Override
            public int read(ByteBuffer target) throws IOException {
                return below.read(target);
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                int n = 0;
                while (source.hasRemaining()) {
                    ByteBuffer one = source.slice(source.position(), 1);
                    while (one.hasRemaining()) {
                        below.write(one);
                    }
                    source.position(source.position() + 1);
                    n++;
                }
                return n;
            }

            @Override
            public boolean isOpen() {
                return below.isOpen();
            }

            @Override
            public void close() throws IOException {
                below.close();
            }
        };
    }
}
