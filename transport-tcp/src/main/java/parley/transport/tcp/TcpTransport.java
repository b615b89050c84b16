package parley.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.PayloadForm;
import parley.api.transport.ServerTransport;
import parley.api.transport.TransportContext;

/**
 * The TCP server transport: both wire forms on one port, and the plugins' protocols beside them, each
 * connection's protocol chosen from its first bytes ({@link ProtocolSelector}).
 *
 * <p>Threads: one virtual thread accepts; each connection gets one virtual thread that reads, and a
 * short-lived virtual thread that writes while its queue has data; one virtual thread scans for new
 * connections that never send the bytes that tell their protocol. Nothing else is allocated for an
 * idle connection. Keepalive (PING, idle timeouts) is the kernel's.
 */
public final class TcpTransport implements ServerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Set<TcpConnection> admitted = ConcurrentHashMap.newKeySet();
    /** Signalled when a connection's reader is done, for close() to wait on. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition gone = lock.newCondition();
    private volatile boolean running;
    private ServerSocketChannel server;
    private TransportContext context;
    private Limits limits;
    private ProtocolSelector selector;

    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public InetSocketAddress start(TransportContext context) throws IOException {
        this.context = context;
        this.limits = Limits.of(context.config(), context.codec().maxFrameBytes());
        this.selector = new ProtocolSelector(context.protocols(), List.of(
                new KernelProtocol(PayloadForm.LINE, this, context.handler(), context.codec()),
                new KernelProtocol(PayloadForm.JSON, this, context.handler(), context.codec())), context.handler());
        InetSocketAddress bind = new InetSocketAddress(limits.host(), limits.port());
        server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bind, 1024);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on " + limits.host() + ":" + limits.port() + ": " + e.getMessage()
                    + (limits.port() == 0 ? "" : " (choose another --port, or 0 for any free one)"), e);
        }
        running = true;
        InetSocketAddress bound = (InetSocketAddress) server.getLocalAddress();
        Thread.ofVirtual().name("parley-accept-" + bound.getPort()).start(this::acceptLoop);
        Duration every = limits.scanEvery();
        if (!every.isZero()) {
            Thread.ofVirtual().name("parley-first-bytes").start(() -> firstBytesLoop(every));
        }
        return bound;
    }

    @Override
    public void stopAccepting() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing the listener failed", e);
        }
    }

    @Override
    public void close() {
        Duration grace = limits.grace();
        stopAccepting();
        connections.forEach(c -> c.close("server shutting down"));
        long left = grace.toNanos() + TimeUnit.SECONDS.toNanos(2);
        lock.lock();
        try {
            while (!connections.isEmpty() && left > 0) {
                left = gone.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
        connections.forEach(c -> c.abort("server shutting down"));
    }

    int maxConnections() {
        return limits.maxConnections();
    }

    /** Counts the connection in, unless the server is full. */
    boolean admit(TcpConnection connection) {
        if (admitted.size() >= limits.maxConnections()) {
            return false;
        }
        admitted.add(connection);
        return true;
    }

    void remove(TcpConnection connection) {
        connections.remove(connection);
        admitted.remove(connection);
        lock.lock();
        try {
            gone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void acceptLoop() {
        while (running) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    LOG.warn("accept failed", e);
                }
                continue;
            }
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
                TcpConnection connection = new TcpConnection(channel, remote, limits.queueBytes(), limits.grace());
                connections.add(connection);
                Thread.ofVirtual().name("parley-reader-" + remote.getPort())
                        .start(new ConnectionReader(this, connection, selector));
            } catch (IOException e) {
                LOG.debug("a connection closed before it was set up", e);
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    /** Closes connections that, after the first-bytes timeout, have not said what they speak. */
    private void firstBytesLoop(Duration every) {
        long limit = limits.firstBytesTimeout().toNanos();
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (TcpConnection connection : connections) {
                if (connection.selecting() && connection.openNanos(now) > limit) {
                    connection.abort("nothing received within the first-bytes timeout");
                }
            }
        }
    }
}
