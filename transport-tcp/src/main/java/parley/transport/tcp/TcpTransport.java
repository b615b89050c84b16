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
 * short-lived virtual thread that writes while its queue has data that the reader who queued it could
 * not write at once; one virtual thread scans for new connections that never send the bytes that tell
 * their protocol, closes those whose message trickles in, and sweeps idle readers; one platform thread,
 * the {@link Poller}, tells waiting readers and writers when their socket (in non-blocking mode) is
 * ready. A connection of a kernel protocol idle for a second or so has no thread at all: its reader's
 * thread ends at a message boundary, and the poller starts a new one when bytes come ({@link ReadLoop}).
 * Nothing else is allocated for an idle connection. Keepalive
 * (PING, idle timeouts) is the kernel's.
 */
public final class TcpTransport implements ServerTransport {

    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);

    private final Set<TcpConnection> connections = ConcurrentHashMap.newKeySet();
    /** Refused connections waiting a moment for their first bytes, to be told why in their own form. */
    private final java.util.concurrent.atomic.AtomicInteger refusing = new java.util.concurrent.atomic.AtomicInteger();
    private volatile Admission admission;
    private volatile OutboundBudget budget;
    /** Bytes read and written by all connections, for the figures; for the transport's life. */
    private final Traffic traffic = new Traffic();
    /** Connections whose reader has a thread now (see {@link ConnectionReader}); for the figures. */
    private final java.util.concurrent.atomic.LongAdder readerThreads = new java.util.concurrent.atomic.LongAdder();
    private final AwakeReaders awakeReaders = new AwakeReaders();
    /**
     * What all connections' read buffers may grow into together, beyond the 16 KiB each starts with
     * ({@code inbound-budget}; by default a quarter of the heap).
     */
    private volatile parley.api.wire.BoundedBudget inbound;
    private volatile Duration messageTimeout = Duration.ZERO;
    private volatile parley.api.Registration figures = () -> { };

    /** Refused connections that may wait at once for their first bytes; more are closed at once. */
    static final int MAX_REFUSING = 256;
    /**
     * How often idle readers are swept: a connection's reader thread that has waited for bytes at a
     * message boundary through a whole sweep interval ends (see {@link ReadLoop}), so an idle
     * connection holds no thread from one to two intervals after its last byte on.
     */
    static final Duration IDLE_SWEEP = Duration.ofMillis(500);
    /** How long a refused connection may take to send its first bytes. */
    static final Duration REFUSED_WAIT = Duration.ofSeconds(2);
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
        long budgetBytes = context.config().get(TcpSettings.OUTBOUND_BUDGET);
        this.budget = new OutboundBudget(budgetBytes > 0 ? budgetBytes : OutboundBudget.defaultLimit());
        long inboundBytes = context.config().get(TcpSettings.INBOUND_BUDGET);
        this.inbound = new parley.api.wire.BoundedBudget(inboundBytes > 0 ? inboundBytes : OutboundBudget.defaultLimit());
        OutboundBudget counted = budget;
        Traffic traffic = this.traffic;
        this.figures = context.handler().addFigures(name(), () -> List.of(
                parley.api.Figure.counter("tcp_read_bytes_total", traffic.readTotal(),
                        "bytes read from clients (TLS records included)"),
                parley.api.Figure.counter("tcp_written_bytes_total", traffic.writtenTotal(),
                        "bytes written to clients (frames and lines, before TLS)"),
                parley.api.Figure.counter("tcp_writes_total", traffic.writes(),
                        "writes to client sockets (tcp_written_bytes_total over this is the bytes per system call)"),
                parley.api.Figure.counter("tcp_inline_writes_total", traffic.inlineWrites(),
                        "of tcp_writes_total, those the reader that handled the messages made itself, with no writer thread"),
                parley.api.Figure.gauge("tcp_reader_threads", readerThreads.sum(),
                        "connections with a reader thread now (reading or handling a message); an idle one holds none"),
                parley.api.Figure.gauge("tcp_readers_awake", awakeReaders.count(),
                        "of tcp_reader_threads, those not waiting for bytes (handling what they read, or ready to)"),
                parley.api.Figure.gauge("tcp_queued_bytes", counted.used(),
                        "bytes counted against outbound-budget: queued to clients and not yet written, plus up to"
                                + " 8 KiB taken ahead by each busy connection"),
                parley.api.Figure.counter("tcp_slow_readers_dropped_total", counted.droppedCount(),
                        "connections closed for not reading (outbound-queue-bytes or outbound-budget overflowed)")));
        this.admission = new Admission(limits.maxConnections(), context.config().get(TcpSettings.MAX_CONNECTIONS_PER_IP),
                context.config().get(TcpSettings.NEW_CONNECTIONS_PER_IP), context.config().get(TcpSettings.NEW_CONNECTIONS_BURST),
                exempt(context.config().get(TcpSettings.IP_LIMIT_EXEMPT)), System::nanoTime);
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
        this.messageTimeout = context.config().get(TcpSettings.MESSAGE_TIMEOUT);
        Duration every = scanEvery(limits.scanEvery(), messageTimeout);
        Thread.ofVirtual().name("parley-scan").start(() -> scanLoop(every));
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
        figures.cancel();
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

    /** Counts the connections whose reader has a thread now: +1 when a turn starts, -1 when it ends. */
    java.util.concurrent.atomic.LongAdder readerThreads() {
        return readerThreads;
    }

    /** This transport's readers that are awake (not waiting for bytes), which their flushes consult. */
    AwakeReaders awakeReaders() {
        return awakeReaders;
    }

    /** What all connections' read buffers may grow into together. */
    parley.api.wire.MemoryBudget inboundBudget() {
        return inbound;
    }

    void remove(TcpConnection connection) {
        if (!connections.remove(connection)) {
            return;
        }
        if (connection.refusal() == null) {
            admission.release(connection.remoteAddress().getAddress());
        } else {
            refusing.decrementAndGet();
        }
        lock.lock();
        try {
            gone.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Accepts until stopped. Each connection is admitted or refused at once ({@link Admission}); a
     * refused one gets a moment to send its first bytes, so that it can be told why in its own form,
     * unless too many refused ones already wait: then it is closed at once. When {@code accept()} itself
     * fails (out of file descriptors, say), the loop backs off, up to a second, and logs once per spell,
     * not once per try.
     */
    private void acceptLoop() {
        long backoff = 0;
        while (running) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                if (backoff == 0) {
                    LOG.warn("accept failed: {} (out of file descriptors? see ulimit -n); backing off until it works again",
                            e.getMessage());
                }
                backoff = Math.clamp(backoff * 2, 10, 1000);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            if (backoff > 0) {
                LOG.info("accepting connections again");
                backoff = 0;
            }
            String refusal = null;
            InetSocketAddress remote = null;
            boolean added = false;
            try {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                remote = (InetSocketAddress) channel.getRemoteAddress();
                refusal = admission.admit(remote.getAddress());
                if (refusal != null && refusing.incrementAndGet() > MAX_REFUSING) {
                    refusing.decrementAndGet();
                    LOG.debug("closing {} at once: {}", remote, refusal);
                    channel.close();
                    continue;
                }
                TcpConnection connection = new TcpConnection(channel, remote, limits.queueBytes(), budget, traffic,
                        limits.grace(), limits.writerLinger());
                connection.refuse(refusal);
                connections.add(connection);
                added = true;
                Thread.ofVirtual().name("parley-reader-" + remote.getPort())
                        .start(new ConnectionReader(this, connection, selector));
            } catch (IOException e) {
                LOG.debug("a connection closed before it was set up", e);
                if (!added && remote != null) { // give back what admit counted
                    if (refusal == null) {
                        admission.release(remote.getAddress());
                    } else {
                        refusing.decrementAndGet();
                    }
                }
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static java.util.Set<java.net.InetAddress> exempt(java.util.List<String> addresses) throws IOException {
        java.util.Set<java.net.InetAddress> out = new java.util.HashSet<>();
        for (String address : addresses) {
            try {
                out.add(java.net.InetAddress.getByName(address));
            } catch (java.net.UnknownHostException e) {
                throw new IOException("setting 'ip-limit-exempt': unknown address '" + address + "'", e);
            }
        }
        return out;
    }

    /**
     * How often the scan runs: often enough for the first-bytes timeout, the message timeout and the
     * idle sweep.
     */
    private static Duration scanEvery(Duration forFirstBytes, Duration messageTimeout) {
        long every = IDLE_SWEEP.toMillis();
        if (!forFirstBytes.isZero()) {
            every = Math.min(every, forFirstBytes.toMillis());
        }
        if (!messageTimeout.isZero()) {
            every = Math.min(every, Math.clamp(messageTimeout.toMillis() / 4, 20, 1000));
        }
        return Duration.ofMillis(every);
    }

    /**
     * Closes connections that, after the first-bytes timeout, have not said what they speak, and those
     * whose message takes longer than the message timeout to arrive whole; and sweeps idle readers
     * ({@link PolledSocket#sweepIdle}), at most every {@link #IDLE_SWEEP}.
     */
    private void scanLoop(Duration every) {
        long limit = limits.firstBytesTimeout().toNanos();
        long refusedLimit = Math.min(limit, REFUSED_WAIT.toNanos());
        long sweptAt = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long messageLimit = messageTimeout.toNanos();
            boolean sweep = now - sweptAt >= IDLE_SWEEP.toNanos() - every.toNanos() / 2;
            if (sweep) {
                sweptAt = now;
            }
            for (TcpConnection connection : connections) {
                if (sweep) {
                    connection.socket().sweepIdle();
                }
                if (connection.selecting()) {
                    if (limit > 0 && connection.openNanos(now) > (connection.refusal() == null ? limit : refusedLimit)) {
                        connection.abort("nothing received within the first-bytes timeout");
                    }
                } else if (messageLimit > 0 && connection.form() != null && connection.isOpen()
                        && connection.messageOverdue(now, messageLimit)) { // a plugin's own protocol (HTTP) has no form
                    String took = messageTimeout.toMillisPart() == 0 ? messageTimeout.toSeconds() + " s"
                            : messageTimeout.toMillis() + " ms";
                    context.handler().refuse(connection, "a message took longer than " + took
                            + " to arrive whole (message-timeout): a client that trickles is closed");
                }
            }
        }
    }
}
