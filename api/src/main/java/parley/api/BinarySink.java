package parley.api;

/**
 * Receives the data of binary frames routed to it by tag: on a server see
 * {@link ServerContext#routeBinary}, on a client {@link parley.api.client.ParleyClient#onBinary}.
 *
 * <p>Called on the connection's reader thread, in arrival order. The array is the transport's read
 * buffer: read {@code length} bytes from {@code offset} during the call, and do not keep it. On a
 * server, a {@link BadRequestException} answers the sender ERROR with its message and the route stays
 * open; any other exception also closes the route.
 */
@FunctionalInterface
public interface BinarySink {

    void accept(byte[] buffer, int offset, int length) throws Exception;
}
