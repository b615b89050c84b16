package parley.p2p;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A TCP proxy on loopback that forwards one connection at a time to {@code target} and keeps every
 * byte it carried, both ways: what someone on the path between two clients would read.
 */
final class Sniffer implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    Sniffer(int target) throws IOException {
        this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        this.target = target;
        Thread.ofVirtual().name("sniffer").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Everything carried so far, both ways, as ISO-8859-1 text (one char per byte). */
    String seen() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Everything carried so far, both ways. */
    byte[] bytes() {
        synchronized (seen) {
            return seen.toByteArray();
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket in = listener.accept();
                Socket out = new Socket();
                out.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 5000);
                Thread.ofVirtual().start(() -> pipe(in, out));
                Thread.ofVirtual().start(() -> pipe(out, in));
            } catch (IOException e) {
                // closed, or the target refused: the test sees it on the link
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buffer)) > 0) {
                synchronized (seen) {
                    seen.write(buffer, 0, n);
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // one side closed: both go
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
