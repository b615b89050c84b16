package parley.api.transport;

/**
 * The kernel's side of a transport: what a transport calls when a connection arrives. The transport
 * moves bytes and frames; everything the protocol says (answers, ERROR for bad input, PING, SHUTDOWN)
 * comes from the kernel, encoded in the connection's payload form.
 *
 * <p>Called from the connection's reader thread; calls for different connections run concurrently.
 */
public interface ConnectionHandler {

    /**
     * A connection's protocol and payload form are known: the kernel opens a session for it and
     * returns where the transport reports what arrives.
     */
    Inbound opened(Connection connection);

    /**
     * Refuses a connection that gets no session (server full, a first byte no protocol knows): the
     * kernel sends ERROR with the reason in the connection's form, then closes it.
     */
    void refuse(Connection connection, String reason);
}
