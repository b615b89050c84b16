package parley.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;

import parley.api.transport.ClientConnection;
import parley.api.transport.ClientConnector;
import parley.api.transport.FramedClientConnection;

/** Opens framed client connections over TCP. Stateless and thread-safe. */
public final class TcpConnector implements ClientConnector {

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public ClientConnection connect(String host, int port, Duration timeout, int maxFrameBytes,
                                    ClientConnection.Listener listener) throws IOException {
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            // through the socket, for its connect timeout; the channel stays in blocking mode
            channel.socket().connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + host + ":" + port + ": " + e.getMessage()
                    + " (is the server running? start one with ./parley server)", e);
        }
        return FramedClientConnection.start(channel, channel, true, maxFrameBytes, listener);
    }
}
