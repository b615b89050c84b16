package parley.api.transport;

import java.nio.ByteBuffer;

import parley.api.Message;
import parley.api.Session;

/**
 * Where a transport reports what arrives on one connection, from {@link ConnectionHandler#opened}.
 *
 * <p>Called from the connection's reader thread only, in this order: any number of
 * {@link #received}, {@link #receivedBinary} and {@link #malformed}, then exactly one {@link #closed}.
 * Each call returns once the kernel has handled it; none throws.
 */
public interface Inbound {

    /** The session the kernel opened for the connection. */
    Session session();

    /** A decoded message whose size on the wire is unknown (counted as 0 bytes by byte budgets). */
    void received(Message message);

    /**
     * A decoded message that took {@code wireBytes} on the wire (its payload: the frame without its
     * length, or the line). Transports that know the size call this one, so that per-session byte
     * budgets ({@link parley.api.Request#wireBytes()}) count it.
     */
    default void received(Message message, int wireBytes) {
        received(message);
    }

    /**
     * A binary frame's data (JSON sessions only), from the buffer's position to its limit. The buffer
     * is the transport's: it is valid only during the call.
     */
    void receivedBinary(String tag, ByteBuffer data);

    /**
     * Input that breaks the protocol (bad UTF-8, bad JSON, an oversized frame). The kernel answers
     * ERROR with the reason; when {@code fatal}, it then closes the connection, and the transport stops
     * reading it.
     */
    void malformed(String reason, boolean fatal);

    /** The connection is gone (closed by either side, or broken). Called exactly once. */
    void closed(String reason);
}
