package parley.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * SPI: accepts client connections and carries their bytes, found with {@link java.util.ServiceLoader}.
 *
 * <p>A transport owns the accept loop, each connection's read and write paths, telling the two wire
 * forms apart, the frame limit, and idle and keepalive handling. It hands decoded messages to the
 * kernel's {@link ConnectionHandler} and never looks inside them.
 *
 * <p><b>Failure.</b> {@link #start} throws when it cannot bind; the server then fails to start with
 * that message. A failure on one connection closes that connection only.
 */
public interface ServerTransport {

    /** A short name for logs, e.g. {@code tcp}. */
    String name();

    /**
     * Binds and starts accepting on its own threads.
     *
     * @return the address it listens on
     */
    InetSocketAddress start(TransportContext context) throws IOException;

    /** Stops accepting new connections. Open ones stay. */
    void stopAccepting();

    /**
     * Closes every connection, letting each write what is queued for at most {@code grace}, and
     * waits until their readers have reported the close.
     */
    void close(Duration grace);
}
