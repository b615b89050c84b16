package parley.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** An old text client: writes lines, reads lines. */
final class LegacyClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    LegacyClient(InetSocketAddress server) throws IOException {
        socket = new Socket("127.0.0.1", server.getPort());
        socket.setSoTimeout(20_000);
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Sends a line and returns the next line the server sends. */
    String ask(String line) throws IOException {
        send(line);
        return read();
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next line; fails if the server closed the connection. */
    String read() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("the server closed the connection");
        }
        return line;
    }

    boolean closedByServer() throws IOException {
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
