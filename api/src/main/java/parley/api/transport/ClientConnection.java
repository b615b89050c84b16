package parley.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import parley.api.Message;

/**
 * A client's framed connection to a server, made by a {@link ClientConnector}. Thread-safe.
 */
public interface ClientConnection extends AutoCloseable {

    /** Encodes and writes one message. Blocks while the socket is full. */
    void send(Message message) throws IOException;

    /** Writes one binary frame: {@code length} bytes of {@code data} for {@code tag}. Blocks while the socket is full. */
    void sendBinary(String tag, byte[] data, int offset, int length) throws IOException;

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    boolean isOpen();

    /** Closes the socket; the listener's {@code closed} follows once. */
    @Override
    void close();

    /**
     * Receives what the server sends. Called on the connection's reader thread, in order; must not
     * block for long.
     */
    interface Listener {

        void received(Message message);

        /**
         * A binary frame's data, from the buffer's position to its limit. The buffer is the
         * connection's read buffer: valid only during the call.
         */
        default void receivedBinary(String tag, ByteBuffer data) {
        }

        /** The connection ended; {@code reason} says why (end of stream, an error). Called once. */
        void closed(String reason);
    }
}
