package parley.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP proxy on loopback between a client (a process, a browser) and a server, that a test can cut like
 * a network that fails: {@link #cut()} resets every connection through it and refuses new ones (closes
 * them at once) until {@link #mend()}; {@link #target(int)} may change meanwhile (a server restarted on
 * another port). Real sockets, so the client sees what it sees when its network goes. Thread-safe.
 */
public final class CuttableProxy implements AutoCloseable {

    private final ServerSocket listener;
    /** Both ends of every connection through the proxy; guarded by {@code this}. */
    private final Set<Socket> sockets = new HashSet<>();
    private volatile int target;
    private boolean cut;

    /** A proxy to the loopback port {@code target}, listening on a free loopback port. */
    public CuttableProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("cuttable-proxy").start(this::accept);
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Sends the next connections to {@code port}. */
    public void target(int port) {
        this.target = port;
    }

    /** Resets every connection through the proxy, and refuses new ones until {@link #mend()}. */
    public synchronized void cut() {
        cut = true;
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // a reset, as when the network goes
            } catch (IOException e) {
                // closed already
            }
            quietly(socket);
        }
        sockets.clear();
    }

    /** Lets connections through again. */
    public synchronized void mend() {
        cut = false;
    }

    private void accept() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> connect(client));
        }
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 10_000);
        } catch (IOException e) {
            quietly(client);
            return;
        }
        synchronized (this) {
            if (cut) { // refused, including a connection that raced with the cut
                quietly(client);
                quietly(server);
                return;
            }
            sockets.add(client);
            sockets.add(server);
        }
        pipe(client, server);
        pipe(server, client);
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofVirtual().start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side went: close both
            } finally {
                quietly(from);
                quietly(to);
                synchronized (this) {
                    sockets.remove(from);
                    sockets.remove(to);
                }
            }
        });
    }

    private static void quietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        cut();
    }
}
