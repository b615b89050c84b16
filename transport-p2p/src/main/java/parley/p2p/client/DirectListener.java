package parley.p2p.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * The socket a callee listens on while links it accepted are being set up. Opened by the first
 * {@link #acquire}, closed when the last one is released, so a client is reachable only while it
 * waits for a caller. Each accepted connection goes to the handler on a virtual thread of its own.
 * Thread-safe.
 */
final class DirectListener implements AutoCloseable {

    private final String host;
    private final int port;
    private final Consumer<Socket> handler;
    private ServerSocket socket;
    private int users;

    DirectListener(String host, int port, Consumer<Socket> handler) {
        this.host = host;
        this.port = port;
        this.handler = handler;
    }

    /**
     * Opens the listener if needed.
     *
     * @return the port listened on
     * @throws IOException when it cannot listen
     */
    synchronized int acquire() throws IOException {
        if (socket == null) {
            ServerSocket server = new ServerSocket();
            try {
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(host, port), 16);
            } catch (IOException e) {
                server.close();
                throw new IOException("cannot listen on " + host + ":" + port + ": " + e.getMessage()
                        + " (see p2p.listen-host and p2p.listen-port)", e);
            }
            socket = server;
            Thread.ofVirtual().name("p2p-listener").start(() -> acceptLoop(server));
        }
        users++;
        return socket.getLocalPort();
    }

    synchronized void release() {
        if (users > 0 && --users == 0) {
            closeSocket();
        }
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket accepted = server.accept();
                Thread.ofVirtual().name("p2p-incoming").start(() -> handler.accept(accepted));
            } catch (IOException e) {
                // closed, or a failed accept: the loop checks
            }
        }
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing more to do
            }
            socket = null;
        }
    }

    @Override
    public synchronized void close() {
        users = 0;
        closeSocket();
    }
}
