package parley.transport.tls;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import parley.api.wire.BufferPool;

/**
 * An {@link SSLEngine} over a blocking byte channel, as a blocking channel of the plain bytes: reads
 * unwrap, writes (gathering ones too) wrap. Used by the server, over a connection's
 * {@link parley.api.transport.ProtocolStream}, and by the client, over its socket.
 *
 * <p>{@link #handshake()} runs first, on one thread. After it, one thread at a time reads and one at a
 * time writes (they may be different threads: the engine allows wrap and unwrap at once); a read that
 * must answer the peer (a TLS 1.3 key update) takes the write lock for it.
 *
 * <p>Memory is bounded, and an idle channel holds almost none of it: the bytes read and not unwrapped
 * yet, the plain bytes unwrapped and not read yet, and the bytes wrapped for the peer each live in a
 * buffer of the engine's packet or application size (about 16 KiB), taken from a {@link BufferPool}
 * when there is something to hold and given back as soon as it is empty. A read that waits for the
 * peer's next record with nothing held waits on a {@value #HEAD}-byte buffer of its own (a short record
 * comes whole into it), so a TLS connection idle between messages costs the engine and that, not three
 * 16 KiB buffers (docs/PERFORMANCE.md, "Idle TLS connections").
 */
public final class TlsChannel implements GatheringByteChannel, ByteChannel {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    /** Bytes a read waiting for the next record with nothing held may take at once. */
    static final int HEAD = 512;

    private final SSLEngine engine;
    private final ByteChannel below;
    private final ReentrantLock readLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();
    /** Buffers of the engine's packet size (netIn, and netOut for each wrap). */
    private final BufferPool packets;
    /** Buffers of the engine's application size (appIn). */
    private final BufferPool plain;
    /** Where a read waits for the next record when it holds no byte; the reader's. */
    private final ByteBuffer head = ByteBuffer.allocate(HEAD);
    /**
     * Bytes from below not unwrapped yet, in write mode (position = end of data); {@code null} when there
     * are none. Taken and given back by the reader, under {@link #readLock}; volatile for {@link #held}.
     */
    private volatile ByteBuffer netIn;
    /** Plain bytes unwrapped but not read yet, in read mode; {@code null} when there are none. As netIn. */
    private volatile ByteBuffer appIn;
    private volatile boolean closed;

    public TlsChannel(SSLEngine engine, ByteChannel below) {
        this.engine = engine;
        this.below = below;
        this.packets = BufferPool.of(engine.getSession().getPacketBufferSize());
        this.plain = BufferPool.of(engine.getSession().getApplicationBufferSize());
    }

    /** The pooled buffers' bytes this channel's reader holds now (0 between records); any thread. */
    int held() {
        ByteBuffer in = netIn;
        ByteBuffer app = appIn;
        return (in == null ? 0 : in.capacity()) + (app == null ? 0 : app.capacity());
    }

    public SSLEngine engine() {
        return engine;
    }

    /**
     * Runs the handshake to its end, blocking on the channel below.
     *
     * @throws SSLException when the peer's bytes are not TLS or the handshake fails (a bad certificate)
     * @throws EOFException when the peer closes in the middle
     */
    public void handshake() throws IOException {
        engine.beginHandshake();
        readLock.lock();
        writeLock.lock();
        try {
            while (true) {
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP -> wrapAndFlush(EMPTY);
                    case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                        if (unwrapOnce() < 0) {
                            throw new EOFException("the peer closed the connection during the TLS handshake");
                        }
                    }
                    case NEED_TASK -> runTasks();
                    case FINISHED, NOT_HANDSHAKING -> {
                        return;
                    }
                }
            }
        } catch (SSLException e) {
            sendAlert();
            throw e;
        } finally {
            writeLock.unlock();
            readLock.unlock();
        }
    }

    /** After a failed handshake, tells the peer why (the alert the engine has ready), if it can. */
    private void sendAlert() {
        try {
            if (!engine.isOutboundDone() && engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                wrapAndFlush(EMPTY);
            }
        } catch (IOException | RuntimeException e) {
            // the peer will see the connection close instead
        }
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        readLock.lock();
        try {
            ByteBuffer app;
            while ((app = appIn) == null) {
                if (closed) {
                    throw new ClosedChannelException();
                }
                if (unwrapOnce() < 0) {
                    return -1;
                }
            }
            int n = Math.min(target.remaining(), app.remaining());
            target.put(target.position(), app, app.position(), n);
            target.position(target.position() + n);
            app.position(app.position() + n);
            if (!app.hasRemaining()) {
                appIn = null;
                plain.give(app);
            }
            return n;
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Unwraps one record into {@link #appIn} (which holds nothing when called; it stays {@code null} when
     * the record held no plain bytes), reading from below when a record is not complete: into
     * {@link #head} when nothing is held, so the wait holds no pooled buffer. Answers what the engine
     * needs (tasks, a wrap). Returns -1 at the end of the stream or at the peer's close_notify, else 0.
     */
    private int unwrapOnce() throws IOException {
        while (true) {
            ByteBuffer in = netIn;
            if (in == null) {
                head.clear();
                if (below.read(head) < 0) {
                    return -1;
                }
                in = packets.take().put(head.flip());
                netIn = in;
            }
            ByteBuffer app = plain.take();
            in.flip();
            SSLEngineResult result;
            try {
                result = engine.unwrap(in, app);
            } finally {
                in.compact();
                app.flip();
            }
            if (app.hasRemaining()) {
                appIn = app;
            } else {
                plain.give(app);
            }
            if (in.position() == 0) {
                netIn = null;
                packets.give(in);
            }
            switch (result.getHandshakeStatus()) {
                case NEED_TASK -> runTasks();
                case NEED_WRAP -> {
                    if (!engine.isOutboundDone()) {
                        writeLock.lock();
                        try {
                            wrapAndFlush(EMPTY);
                        } finally {
                            writeLock.unlock();
                        }
                    }
                }
                default -> { }
            }
            switch (result.getStatus()) {
                case OK -> {
                    return 0;
                }
                case CLOSED -> {
                    return -1;
                }
                case BUFFER_UNDERFLOW -> {
                    if (netIn == null) {
                        continue; // nothing held: wait for the next bytes in the head
                    }
                    if (!in.hasRemaining()) {
                        throw new SSLException("a TLS record larger than " + in.capacity() + " bytes");
                    }
                    if (below.read(in) < 0) {
                        return -1;
                    }
                }
                case BUFFER_OVERFLOW -> throw new SSLException("a TLS record of more than "
                        + app.capacity() + " plain bytes");
            }
        }
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return (int) write(new ByteBuffer[] {source}, 0, 1);
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        writeLock.lock();
        try {
            long written = 0;
            while (remaining(sources, offset, length) > 0) {
                written += wrapAndFlush(sources, offset, length);
            }
            return written;
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public long write(ByteBuffer[] sources) throws IOException {
        return write(sources, 0, sources.length);
    }

    private long wrapAndFlush(ByteBuffer source) throws IOException {
        return wrapAndFlush(new ByteBuffer[] {source}, 0, 1);
    }

    /** Wraps one record of what the sources hold (or a handshake message) and sends it; returns the plain bytes taken. */
    private long wrapAndFlush(ByteBuffer[] sources, int offset, int length) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        ByteBuffer netOut = packets.take(); // given back once written: the write below copies it before it returns
        SSLEngineResult result;
        try {
            result = engine.wrap(sources, offset, length, netOut);
            switch (result.getStatus()) {
                case CLOSED -> {
                    if (result.bytesProduced() == 0) {
                        throw new ClosedChannelException();
                    }
                }
                case BUFFER_OVERFLOW -> throw new SSLException("a TLS record over " + netOut.capacity() + " bytes");
                default -> { }
            }
            netOut.flip();
            while (netOut.hasRemaining()) {
                below.write(netOut);
            }
        } finally {
            packets.give(netOut);
        }
        if (result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
            runTasks();
        }
        return result.bytesConsumed();
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private static long remaining(ByteBuffer[] sources, int offset, int length) {
        long n = 0;
        for (int i = offset; i < offset + length; i++) {
            n += sources[i].remaining();
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return !closed && below.isOpen();
    }

    /** Sends close_notify if it can without waiting on another writer, then closes the channel below. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            engine.closeOutbound();
            if (writeLock.tryLock()) {
                try {
                    wrapAndFlush(EMPTY);
                } catch (IOException e) {
                    // the peer is gone: nothing to tell it
                } finally {
                    writeLock.unlock();
                }
            }
        } finally {
            closed = true;
            below.close();
        }
    }
}
