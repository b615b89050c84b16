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

    /**
     * Adds a transport's figures (bytes queued, slow readers disconnected) to {@code STATS} and metrics,
     * until the registration is cancelled: call it from {@link ServerTransport#start} and cancel it in
     * {@link ServerTransport#close}. The source is called as {@link parley.api.FigureSource} says (on
     * the asking thread, possibly concurrently; it must not block; if it throws, its figures are left
     * out and a warning is logged). The default keeps nothing, for handlers other than the kernel.
     */
    default parley.api.Registration addFigures(String transport, parley.api.FigureSource source) {
        return () -> { };
    }
}
