package parley.api.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import parley.api.transport.ServerTransport;
import parley.api.transport.TransportContext;

/**
 * A server transport with no sockets: {@link #connect()} opens a connection whose bytes go to a queue
 * the test reads. A real implementation of the SPI, for the kernel's unit tests.
 */
final class MemoryTransport implements ServerTransport {

    private volatile TransportContext context;
    private volatile boolean accepting;
    private final List<MemoryConnection> connections = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public InetSocketAddress start(TransportContext context) {
        this.context = context;
        this.accepting = true;
        return InetSocketAddress.createUnresolved("memory", 0);
    }

    /** A new client connection, with a session opened for it. */
    MemoryConnection connect() {
        if (!accepting) {
            throw new IllegalStateException("the memory transport is not accepting");
        }
        MemoryConnection connection = new MemoryConnection(context.codec());
        connection.open(context.handler());
        connections.add(connection);
        return connection;
    }

    @Override
    public void stopAccepting() {
        accepting = false;
    }

    @Override
    public void close() {
        connections.forEach(c -> c.close("server closed"));
    }
}
