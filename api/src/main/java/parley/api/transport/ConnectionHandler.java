package parley.api.transport;

import java.nio.ByteBuffer;

import parley.api.Message;
import parley.api.Session;

/**
 * The kernel's side of a transport: what a transport calls for each connection.
 *
 * <p>For one connection, the calls come from its reader thread in this order: one {@link #opened},
 * any number of {@link #received} and {@link #receivedBinary}, then exactly one {@link #closed}. Calls for different
 * connections run concurrently.
 */
public interface ConnectionHandler {

    /** A connection's wire form is known; returns the session that represents it. */
    Session opened(Connection connection);

    /** A decoded message. Returns when it has been handled. */
    void received(Session session, Message message);

    /**
     * A binary frame's data (framed connections only), from the buffer's position to its limit. The
     * buffer is the transport's: it is valid only during the call.
     */
    void receivedBinary(Session session, String tag, ByteBuffer data);

    /** The connection is gone (closed by either side, or broken). Called exactly once. */
    void closed(Session session, String reason);
}
