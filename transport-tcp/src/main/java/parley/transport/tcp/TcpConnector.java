package parley.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

import parley.api.transport.ClientConnection;
import parley.api.transport.ClientConnector;

/** Opens framed client connections over TCP. Stateless and thread-safe. */
public final class TcpConnector implements ClientConnector {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public ClientConnection connect(String host, int port, Duration timeout, int maxFrameBytes,
                                    ClientConnection.Listener listener) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage()
                    + " (is the server running? start one with ./parley server)", e);
        }
        return TcpClientConnection.start(socket, maxFrameBytes, listener);
    }
}
