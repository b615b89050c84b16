package parley.api.transport;

import java.io.IOException;
import java.time.Duration;

/**
 * SPI: opens a client connection to a server, found with {@link java.util.ServiceLoader}.
 * Thread-safe; one connector serves many connections.
 */
public interface ClientConnector {

    /** A short name, e.g. {@code tcp}, or {@code tls}: what {@code parley client --tls} asks for. */
    String name();

    /**
     * This connector as the client settings say ({@code parley client --set key=value}, and options such
     * as {@code --pin} that the client turns into settings): by default itself. Called once, on the
     * thread that starts the client, before {@link #connect}.
     *
     * @throws IllegalArgumentException naming the setting when a value is bad
     */
    default ClientConnector with(parley.api.Config settings) {
        return this;
    }

    /**
     * Connects and starts reading on a thread of its own.
     *
     * @param maxFrameBytes largest frame accepted from the server; a bigger one closes the connection
     * @throws IOException when the server cannot be reached within {@code timeout}
     */
    ClientConnection connect(String host, int port, Duration timeout, int maxFrameBytes,
                             ClientConnection.Listener listener) throws IOException;
}
