package parley.api;

import java.nio.ByteBuffer;

/**
 * Receives the data of binary frames routed to it by tag: on a server see
 * {@link ServerContext#routeBinary}, on a client {@link parley.api.client.ParleyClient#onBinary}.
 *
 * <p>Called on the connection's reader thread, in arrival order. {@code data} holds one frame's data,
 * from its position to its limit. It is the transport's read buffer (on a client a direct one, so that
 * the bytes can go on to a file with no copy in the JVM): consume it during the call, do not change the
 * bytes, and do not keep it. On a server, a {@link BadRequestException} answers the sender ERROR with
 * its message and the route stays open; any other exception also closes the route.
 */
@FunctionalInterface
public interface BinarySink {

    void accept(ByteBuffer data) throws Exception;
}
