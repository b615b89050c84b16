package parley.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * An old text client: writes lines, reads lines, over a real socket. Reads wait at most 20 seconds, so a
 * test that expects a line the server never sends fails instead of hanging.
 */
public final class LegacyClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    /** Connects to a server's address; a wildcard address means this machine's loopback. */
    public LegacyClient(InetSocketAddress server) throws IOException {
        this(server, null);
    }

    /**
     * Connects from a given local address, e.g. {@code 127.0.0.2} (Linux routes all of 127.0.0.0/8 to the
     * loopback), so that a test can play a client coming from another address than the others.
     */
    public LegacyClient(InetSocketAddress server, InetAddress local) throws IOException {
        InetAddress host = server.getAddress() == null || server.getAddress().isAnyLocalAddress()
                ? InetAddress.getLoopbackAddress() : server.getAddress();
        socket = local == null ? new Socket(host, server.getPort()) : new Socket(host, server.getPort(), local, 0);
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Sends a line and returns the next line the server sends; fails if the server closed the connection. */
    public String ask(String line) throws IOException {
        send(line);
        return read();
    }

    /** Sends one line; its {@code \n} is added. */
    public void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line; fails if the server closed the connection. */
    public String read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        return line;
    }

    /** True when the server closed the connection before sending another line (within the read timeout). */
    public boolean closedByServer() throws IOException {
        try {
            return in.readLine() == null;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
