package parley.api.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * SPI: opens a client connection to a server, found with {@link java.util.ServiceLoader}.
 * Thread-safe; one connector serves many connections.
 */
public interface ClientConnector {

    /** A short name, e.g. {@code tcp}. */
    String name();

    /**
     * Connects and starts reading on a thread of its own.
     *
     * @param maxFrameBytes largest frame accepted from the server; a bigger one closes the connection
     * @throws IOException when the server cannot be reached within {@code timeout}
     */
    ClientConnection connect(String host, int port, Duration timeout, int maxFrameBytes,
                             ClientConnection.Listener listener) throws IOException;
}
