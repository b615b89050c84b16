package parley.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.WireForm;
import parley.api.transport.Connection;

/**
 * One accepted TCP connection: its wire form, its outbound queue, and the clock keepalive reads.
 * Thread-safe: the reader, the writer, broadcasters and the keepalive scan all touch it.
 */
final class TcpConnection implements Connection {

    private static final Logger LOG = LoggerFactory.getLogger(TcpConnection.class);

    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final OutboundQueue out;
    private final Duration grace;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final CountDownLatch readerDone = new CountDownLatch(1);
    private volatile WireForm form;
    private volatile String closeReason;
    private volatile long lastRead = System.nanoTime();
    private volatile boolean pinged;

    TcpConnection(SocketChannel channel, InetSocketAddress remote, long queueBytes, Duration grace) {
        this.channel = channel;
        this.remote = remote;
        this.grace = grace;
        this.out = new OutboundQueue(channel, queueBytes, e -> abort("write failed: " + e.getMessage()));
    }

    SocketChannel channel() {
        return channel;
    }

    void form(WireForm form) {
        this.form = form;
    }

    @Override
    public WireForm form() {
        return form;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public boolean offer(byte[] bytes) {
        return accepted(out.offer(bytes));
    }

    /** Writes {@code data} as it is: a direct buffer goes to the socket with no copy in the JVM. */
    @Override
    public boolean offer(byte[] header, ByteBuffer data, Runnable release) {
        return accepted(out.offer(header, data, release));
    }

    private boolean accepted(OutboundQueue.Offer offer) {
        return switch (offer) {
            case QUEUED -> true;
            case CLOSED -> false;
            case OVERFLOW -> {
                LOG.warn("disconnecting {}: its outbound queue overflowed (it reads too slowly)", remote);
                abort("outbound queue overflow: the client did not read fast enough");
                yield false;
            }
        };
    }

    @Override
    public boolean awaitQueuedBelow(long bytes, Duration timeout) throws InterruptedException {
        return out.awaitBelow(bytes, timeout);
    }

    /**
     * Closes gracefully: writes what is queued (within the grace), sends FIN, then waits (again within
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
                try {
                    channel.shutdownOutput();
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
        return !closing.get() && channel.isOpen();
    }

    /** Records that bytes arrived: the peer is alive. */
    void touch() {
        lastRead = System.nanoTime();
        pinged = false;
    }

    long silentNanos(long now) {
        return now - lastRead;
    }

    /** True the first time after the last read: the caller sends one PING per silence. */
    boolean markPinged() {
        if (pinged) {
            return false;
        }
        pinged = true;
        return true;
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", remote, e);
        }
    }

    @Override
    public String toString() {
        return "connection from " + remote + (form == null ? "" : " (" + form + ")");
    }
}
