package parley.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.PayloadForm;
import parley.api.transport.Connection;

/**
 * One accepted TCP connection: its protocol once the first bytes told it, its outbound queue, and when
 * it was accepted (for the scan of connections that never say what they speak). Thread-safe: the
 * reader, the writer, broadcasters and that scan all touch it.
 */
final class TcpConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);

    private final PolledSocket socket;
    private final InetSocketAddress remote;
    private final long queueBytes;
    private final OutboundBudget budget;
    private final Traffic traffic;
    private volatile OutboundQueue out;
    /** The layer payloads are written through (TLS, a WebSocket), or {@code null} for the socket itself. */
    private volatile GatheringByteChannel layer;
    private final Duration grace;
    private final long lingerNanos;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private final long acceptedAt = System.nanoTime();
    private volatile PayloadForm form;
    private volatile String protocol = "tcp";
    private volatile boolean secure;
    private volatile boolean selecting = true;
    private volatile String closeReason;
    private volatile String refusal;
    /** Bytes read in all, and as of the last whole message: more read since means one is under way. */
    private volatile long bytesIn;
    private volatile long bytesAtLastMessage;
    private volatile long lastMessageAt = System.nanoTime();

    /** Puts {@code channel} in non-blocking mode, watched by the JVM's {@link Poller}. */
    TcpConnection(SocketChannel channel, InetSocketAddress remote, long queueBytes, OutboundBudget budget,
                  Traffic traffic, Duration grace, Duration writerLinger) throws IOException {
        this.lingerNanos = writerLinger.toNanos();
        this.budget = budget;
        this.traffic = traffic;
        this.socket = new PolledSocket(channel, Poller.shared());
        this.remote = remote;
        this.grace = grace;
        this.queueBytes = queueBytes;
        this.out = queue(socket);
    }

    /** The socket, read and written as if blocking; the queue of the plain protocols also writes it without waiting. */
    PolledSocket socket() {
        return socket;
    }

    private OutboundQueue queue(GatheringByteChannel target) {
        return new OutboundQueue(target, queueBytes, budget, traffic, lingerNanos, e -> abort("write failed: " + e.getMessage()));
    }

    /**
     * The protocol is known, before any payload is offered: the form it speaks, its layered name, where
     * its payloads are written (the socket, or a layer that wraps them) and whether a layer encrypts them.
     */
    void protocol(PayloadForm form, String protocol, GatheringByteChannel target, boolean secure) {
        if (target != socket) {
            out = queue(target);
            layer = target;
        }
        out.framed(form == PayloadForm.JSON);
        this.form = form;
        this.protocol = protocol;
        this.secure = secure;
        selecting = false;
    }

    /** Bytes arrived; called by the reader thread only. */
    void arrived(int n) {
        bytesIn += n; // one writer: the reader thread
        traffic.read(n);
    }

    /** A whole message (or line) was read and handed on; called by the reader thread only. */
    void messageDone() {
        bytesAtLastMessage = bytesIn;
        lastMessageAt = System.nanoTime();
    }

    /** True when a message was started and has not been completed for longer than {@code limitNanos}. */
    boolean messageOverdue(long now, long limitNanos) {
        return bytesIn > bytesAtLastMessage && now - lastMessageAt > limitNanos;
    }

    /** Marks the connection refused at accept, with the reason it is told once its protocol is known. */
    void refuse(String reason) {
        this.refusal = reason;
    }

    /** Why the connection was refused at accept, or {@code null} when it was admitted. */
    String refusal() {
        return refusal;
    }

    /** A protocol was chosen, or is being chosen again under a layer (true), for the first-bytes scan. */
    void selecting(boolean selecting) {
        this.selecting = selecting;
    }

    /** True while the first bytes have not chosen a protocol yet: the first-bytes timeout applies. */
    boolean selecting() {
        return selecting;
    }

    @Override
    public PayloadForm form() {
        return form;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean offer(byte[] payload) {
        return accepted(out.offer(payload));
    }

    /** Counted by the queue, under the lock its offers take anyway. */
    @Override
    public long offered() {
        return out.offered();
    }

    /** Writes {@code data} as it is: a direct buffer goes to the socket with no copy in the JVM. */
    @Override
    public boolean offerBinary(byte[] head, ByteBuffer data, Runnable release) {
        return accepted(out.offer(head, data, release));
    }

    /**
     * The queue refused an overflowing offer and dropped what it held; the socket is closed and the drop
     * logged on a thread of its own, since the offer may come from under a room's lock.
     */
    private boolean accepted(OutboundQueue.Offer offer) {
        return switch (offer) {
            case QUEUED -> true;
            case CLOSED -> false;
            case OVERFLOW -> dropSlowReader("outbound queue overflow: the client did not read fast enough",
                    "its outbound queue overflowed (it reads too slowly)");
            case OVER_BUDGET -> dropSlowReader("server busy: the memory for unread messages is spent and this client"
                    + " holds more than its share unread", "the outbound budget is spent and it holds more than its share");
        };
    }

    private boolean dropSlowReader(String reason, String why) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            Thread.ofVirtual().name("parley-overflow").start(() -> {
                LOG.warn("disconnecting {}: {}", remote, why);
                closeChannel();
            });
        }
        return false;
    }

    @Override
    public boolean awaitQueuedBelow(long bytes, Duration timeout) throws InterruptedException {
        return out.awaitBelow(bytes, timeout);
    }

    /**
     * Closes gracefully: writes what is queued (within the grace), closes the layer it went through if
     * any (TLS's close_notify, a WebSocket's close frame), sends FIN, then waits (again within
     * the grace) for the reader to see the peer's end of stream before closing the socket. Closing a
     * socket with unread input would reset the connection and could destroy the last answer, such as
     * the ERROR that explains the close, before the peer reads it.
     */
    @Override
    public void close(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
            Thread.ofVirtual().name("parley-closer").start(() -> {
                out.closeAfterDrain(grace);
                closeLayer();
                try {
                    socket.shutdownOutput();
                    readerDone.await(grace.toMillis(), TimeUnit.MILLISECONDS);
                } catch (IOException e) {
                    LOG.debug("half-closing {} failed", remote, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                closeChannel();
            });
        }
    }

    /**
     * After the last payload, closes the layer they went through, so that it ends in its own way before
     * the socket does: TLS sends close_notify, a WebSocket its close frame.
     */
    private void closeLayer() {
        GatheringByteChannel wrapped = layer;
        if (wrapped == null) {
            return;
        }
        try {
            wrapped.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the layer of {} failed", remote, e);
        }
    }

    /** True once the server decided to close: the reader then stops handling input. */
    boolean closing() {
        return closing.get();
    }

    /** Called by the reader when it has stopped reading for good. */
    void readerDone() {
        readerDone.countDown();
    }

    /** Closes at once, dropping what is queued. */
    void abort(String reason) {
        if (closing.compareAndSet(false, true)) {
            closeReason = reason;
        }
        out.discard();
        closeChannel();
    }

    /** Why the server closed it, or {@code null} if it did not. */
    String closeReason() {
        return closeReason;
    }

    @Override
    public boolean isOpen() {
        return !closing.get() && socket.isOpen();
    }

    /** How long it has been open, for the scan of connections that never say what they speak. */
    long openNanos(long now) {
        return now - acceptedAt;
    }

    private void closeChannel() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", remote, e);
        }
    }

    @Override
    public String toString() {
        return "connection from " + remote + " (" + protocol + ")";
    }
}
