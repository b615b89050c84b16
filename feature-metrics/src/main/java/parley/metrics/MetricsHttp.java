package parley.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP/1.1 server for {@code GET /metrics} alone: one virtual thread accepts, one per
 * connection answers and closes it. A request head is read up to 8KiB within 10 seconds; anything
 * else gets 404 or 405. (The Prometheus client's own HTTP server needs {@code jdk.httpserver}, which
 * the distribution's runtime leaves out; and a port shared with the chat port comes with WebSocket.)
 */
final class MetricsHttp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsHttp.class);
    private static final int MAX_HEAD = 8 * 1024;
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final ServerSocket socket;
    private final Supplier<byte[]> body;
    private volatile Thread acceptor;

    private MetricsHttp(ServerSocket socket, Supplier<byte[]> body) {
        this.socket = socket;
        this.body = body;
    }

    /**
     * Listens on the address and serves {@code body} at {@code /metrics}.
     *
     * @throws IOException when the port cannot be bound (the message names it)
     */
    static MetricsHttp start(InetSocketAddress address, Supplier<byte[]> body) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.bind(address);
        } catch (IOException e) {
            socket.close();
            throw new IOException("metrics cannot listen on " + address.getHostString() + ":" + address.getPort()
                    + " (" + e.getMessage() + "): choose another metrics.port, or 0 to turn metrics off", e);
        }
        MetricsHttp http = new MetricsHttp(socket, body);
        http.acceptor = Thread.ofVirtual().name("metrics-accept").start(http::accept);
        return http;
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread.ofVirtual().name("metrics-request").start(() -> answer(client));
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("metrics: accepting a connection failed", e);
                }
            }
        }
    }

    private void answer(Socket client) {
        try (client) {
            client.setSoTimeout(READ_TIMEOUT_MILLIS);
            String head = readHead(client.getInputStream());
            OutputStream out = client.getOutputStream();
            if (head == null) {
                respond(out, "400 Bad Request", "text/plain; charset=utf-8", "bad request head\n".getBytes(StandardCharsets.UTF_8), true);
                return;
            }
            String[] requestLine = head.lines().findFirst().orElse("").split(" ");
            String method = requestLine[0];
            String path = requestLine.length > 1 ? requestLine[1] : "";
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            if (!path.equals("/metrics")) {
                respond(out, "404 Not Found", "text/plain; charset=utf-8", "only /metrics is served here\n".getBytes(StandardCharsets.UTF_8), true);
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                respond(out, "405 Method Not Allowed", "text/plain; charset=utf-8", "use GET\n".getBytes(StandardCharsets.UTF_8), true);
            } else {
                respond(out, "200 OK", Exposition.CONTENT_TYPE, body.get(), method.equals("GET"));
            }
        } catch (SocketException e) {
            LOG.debug("metrics: a scrape connection failed", e);
        } catch (IOException | RuntimeException e) {
            LOG.warn("metrics: answering a scrape failed", e);
        }
    }

    /** The request head up to its blank line, or null when it is longer than 8KiB or cut short. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (head.size() < MAX_HEAD) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (last4 == 0x0D0A0D0A || (last4 & 0xFFFF) == 0x0A0A) { // a blank line ends the head
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static void respond(OutputStream out, String status, String type, byte[] body, boolean withBody) throws IOException {
        String head = "HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        if (withBody) {
            out.write(body);
        }
        out.flush();
    }

    /**
     * Closes the listener and waits (up to 5 s) for its accepting thread to leave {@code accept}: the JDK
     * releases the port only then, so a server restarted at once can bind it again.
     */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("metrics: closing the listener failed", e);
        }
        Thread thread = acceptor;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                if (!thread.join(java.time.Duration.ofSeconds(5))) {
                    LOG.warn("metrics: the listener's thread did not end within 5s; its port may stay taken a while");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
