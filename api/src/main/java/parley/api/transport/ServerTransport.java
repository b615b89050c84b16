package parley.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * SPI: accepts client connections and carries their bytes, found with {@link java.util.ServiceLoader}.
 *
 * <p>A transport owns the accept loop, its settings (it lists them in its plugin's
 * {@link parley.api.spi.PluginInfo#settings()}), each connection's read and write paths, its framing,
 * and choosing each connection's protocol. It hands decoded messages to the kernel's
 * {@link ConnectionHandler}, frames the payloads the kernel gives it, and never builds a protocol
 * message itself.
 *
 * <p><b>Threading.</b> {@link #start}, {@link #stopAccepting} and {@link #close} are called once each,
 * in that order, by the thread that starts or closes the server; a transport runs its connections on
 * threads of its own.
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
     * Closes every connection, letting each write what is queued for at most the transport's own
     * grace, and waits until their readers have reported the close.
     */
    void close();
}
