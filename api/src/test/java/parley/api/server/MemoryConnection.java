package parley.api.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.Session;
import parley.api.transport.Connection;
import parley.api.transport.ConnectionHandler;
import parley.api.transport.Inbound;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * One in-memory JSON connection: the test plays its client. What the kernel offers is recorded and
 * decoded with the server's codec; what the test sends goes straight to the session's {@link Inbound},
 * on the test's thread, as a transport's reader would hand it.
 */
final class MemoryConnection implements Connection {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final WireCodec codec;
    private final BlockingQueue<byte[]> offered = new LinkedBlockingQueue<>();
    private final java.util.concurrent.atomic.AtomicLong accepted = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile String closeReason;
    private Inbound inbound;

    MemoryConnection(WireCodec codec) {
        this.codec = codec;
    }

    void open(ConnectionHandler handler) {
        inbound = handler.opened(this);
    }

    Session session() {
        return inbound.session();
    }

    /** Sends a message to the server, as if it had arrived on this connection. */
    void send(Message message) {
        if (!open.get()) {
            throw new IllegalStateException("the connection is closed: " + closeReason);
        }
        inbound.received(message);
    }

    /** Sends a binary frame's data to the server, as if it had arrived on this connection. */
    void sendBinary(String tag, byte[] data) {
        inbound.receivedBinary(tag, java.nio.ByteBuffer.wrap(data));
    }

    /** Reports input that breaks the protocol, as a transport's decoder would. */
    void sendMalformed(String reason, boolean fatal) {
        inbound.malformed(reason, fatal);
    }

    /** Sends, then returns the next message the server offered. */
    Message call(Message message) {
        send(message);
        return next();
    }

    /** The next message the server offered, waiting for it; fails when none comes. */
    Message next() {
        try {
            byte[] payload = offered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (payload == null) {
                throw new AssertionError("no message from the server within " + WAIT);
            }
            return codec.decodeFrame(payload, 0, payload.length);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ProtocolException e) {
            throw new AssertionError("the server offered a bad payload: " + e.getMessage(), e);
        }
    }

    /** What the server offered and the test has not read yet, decoded. */
    List<Message> drain() {
        List<byte[]> payloads = new ArrayList<>();
        offered.drainTo(payloads);
        List<Message> out = new ArrayList<>();
        for (byte[] payload : payloads) {
            try {
                out.add(codec.decodeFrame(payload, 0, payload.length));
            } catch (ProtocolException e) {
                throw new AssertionError(e);
            }
        }
        return out;
    }

    /** The client hangs up: the transport's reader reports it. */
    void hangUp() {
        close("client hung up");
    }

    String closeReason() {
        return closeReason;
    }

    @Override
    public PayloadForm form() {
        return PayloadForm.JSON;
    }

    @Override
    public String protocol() {
        return "memory/framed";
    }

    @Override
    public boolean secure() {
        return false;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("memory-client", 0);
    }

    @Override
    public boolean offer(byte[] payload) {
        if (!open.get()) {
            return false;
        }
        offered.add(payload);
        accepted.incrementAndGet();
        return true;
    }

    @Override
    public long offered() {
        return accepted.get();
    }

    @Override
    public boolean awaitQueuedBelow(long bytes, Duration timeout) {
        return open.get();
    }

    /** Closes once, and reports the close to the kernel as the reader would. */
    @Override
    public void close(String reason) {
        if (open.compareAndSet(true, false)) {
            closeReason = reason;
            inbound.closed(reason);
        }
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }
}
