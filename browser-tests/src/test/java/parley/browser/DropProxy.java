package parley.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay on loopback between one browser and the server, that the test can cut like a network
 * that drops: {@link #cut()} closes every connection through it and refuses new ones until
 * {@link #mend()}. The browser only sees its WebSocket close, as it would on a train going through a tunnel.
 */
final class DropProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int target;
    private final List<Socket> open = new ArrayList<>();
    private boolean cut;

    DropProxy(int target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Drops every connection through the relay, and refuses new ones. */
    synchronized void cut() {
        cut = true;
        open.forEach(DropProxy::quietly);
        open.clear();
    }

    /** Lets connections through again. */
    synchronized void mend() {
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
        Socket server;
        synchronized (this) {
            if (cut) {
                quietly(client);
                return;
            }
        }
        try {
            server = new Socket();
            server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 10_000);
        } catch (IOException e) {
            quietly(client);
            return;
        }
        synchronized (this) {
            if (cut) {
                quietly(client);
                quietly(server);
                return;
            }
            open.add(client);
            open.add(server);
        }
        Thread.ofVirtual().start(() -> copy(client, server));
        Thread.ofVirtual().start(() -> copy(server, client));
    }

    private void copy(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side went away: close both below
        }
        quietly(from);
        quietly(to);
        synchronized (this) {
            open.remove(from);
            open.remove(to);
        }
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
        cut();
        listener.close();
    }
}
