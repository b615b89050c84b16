package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * An accepted socket in non-blocking mode, read and written as if it were blocking ({@link #read},
 * {@link #write}: the calling thread parks until the {@link Poller} says the socket is ready), and
 * also written without waiting ({@link #writeNow}), which a blocking channel cannot do.
 *
 * <p>Threads: one reader at a time and one writer at a time (the connection's reader thread; its
 * writer, or whichever thread writes for it while it holds the queue's writer role). {@link #close}
 * from any thread wakes both. A waiting thread that is interrupted closes the socket and gets
 * {@link ClosedByInterruptException}, as with a blocking channel. A reader that waits long for bytes
 * may be told to stop ({@link #readOrStop}, {@link #sweepIdle}) and leave no thread at all:
 * {@link #resumeWhenReadable} starts one when bytes come.
 */
final class PolledSocket implements ByteChannel, GatheringByteChannel {

    /** The threads that go on reading a connection that was idle (see {@link #resumeWhenReadable}). */
    private static final java.util.concurrent.ThreadFactory RESUMED = Thread.ofVirtual().name("parley-reader").factory();

    private final SocketChannel channel;
    private final Poller poller;
    /** The poller's key, once registered; under this object's monitor (see {@link Poller}). */
    SelectionKey key;
    private volatile Thread reader;
    private volatile Thread writer;
    /** Readiness the poller reported and no waiter consumed yet: {@link SelectionKey#OP_READ}, {@code OP_WRITE}. */
    private volatile int ready;
    private volatile boolean closed;
    /** What runs on a new thread once bytes come or the socket closes, while no thread reads; under this object's monitor. */
    private Runnable resumer;
    /** The reader waits in {@link #readOrStop}; the idle sweep saw it there; the sweep told it to stop. */
    private volatile boolean stoppable;
    private volatile boolean seenIdle;
    private volatile boolean stop;

    PolledSocket(SocketChannel channel, Poller poller) throws IOException {
        channel.configureBlocking(false);
        this.channel = channel;
        this.poller = poller;
    }

    /**
     * Reads at least one byte, waiting until some come; -1 at the end of the stream. A virtual thread
     * that finds nothing yields once and reads again before it waits, since a wait goes through the
     * poller's thread (measured: a room of 50 senders 1.15 times as fast, p99 at 500,000 deliveries/s
     * 3.6 ms against 6.0; docs/PERFORMANCE.md).
     */
    @Override
    public int read(ByteBuffer target) throws IOException {
        return read(target, false);
    }

    /** Reads what is there now, maybe nothing (0); -1 at the end of the stream; never waits. */
    int readNow(ByteBuffer target) throws IOException {
        return channel.read(target);
    }

    /**
     * As {@link #read}, but the wait may end without a byte: when the idle sweep finds this read waiting
     * since the sweep before ({@link #sweepIdle}), it throws {@link ReaderStopped}. For a read loop that
     * holds no part of a message and can go on later on another thread (see {@link #resumeWhenReadable}).
     */
    int readOrStop(ByteBuffer target) throws IOException {
        return read(target, true);
    }

    private int read(ByteBuffer target, boolean mayStop) throws IOException {
        if (!target.hasRemaining()) {
            return 0;
        }
        while (true) {
            int n = readSoon(target);
            if (n != 0) {
                return n;
            }
            stoppable = mayStop;
            DeferredWriters writers = DeferredWriters.current(); // a connection's reader: not awake while it waits
            if (writers != null) {
                writers.asleep();
            }
            try {
                await(SelectionKey.OP_READ);
            } finally {
                stoppable = false;
                if (writers != null) {
                    writers.awake();
                }
            }
        }
    }

    /**
     * Called by the idle sweep, every {@link TcpTransport#IDLE_SWEEP}: a read that may stop
     * ({@link #readOrStop}) and was already waiting at the sweep before is told to stop. So an idle
     * connection's reader thread ends between one and two sweeps after its last byte, and a busy one
     * never pays for it.
     */
    void sweepIdle() {
        Thread waiting = reader;
        if (waiting == null || !stoppable) {
            return;
        }
        if (!seenIdle) {
            seenIdle = true;
            return;
        }
        stop = true;
        LockSupport.unpark(waiting);
    }

    /** True while a thread waits in a read for the socket to be readable: for tests. */
    boolean readerWaiting() {
        return reader != null;
    }

    /** Reads what is there now; a virtual thread that finds nothing lets the other ready threads run once and reads again. */
    private int readSoon(ByteBuffer target) throws IOException {
        int n = channel.read(target);
        if (n == 0 && Thread.currentThread().isVirtual()) { // bytes may come meanwhile: a wait goes through the poller
            Thread.yield();
            n = channel.read(target);
        }
        return n;
    }

    /**
     * Instead of a thread waiting for bytes: once the socket can be read, or is closed, {@code resume}
     * runs on a new virtual thread (started by the poller's thread, or by the thread that closes). It
     * runs exactly once. Call it with no thread reading the socket.
     *
     * @return false when the socket is closed already and {@code resume} will not run: the caller goes on
     *         itself (its next read fails)
     */
    boolean resumeWhenReadable(Runnable resume) {
        synchronized (this) {
            resumer = resume;
        }
        try {
            poller.arm(this, channel, SelectionKey.OP_READ);
            return true;
        } catch (ClosedChannelException e) {
            return takeResumer() == null; // null: close() took it, and started it
        }
    }

    private synchronized Runnable takeResumer() {
        Runnable resume = resumer;
        resumer = null;
        return resume;
    }

    private static void start(Runnable resume) {
        if (resume != null) {
            RESUMED.newThread(resume).start();
        }
    }

    /** Writes at least one byte of {@code source} when it has any, waiting while the socket is full. */
    @Override
    public int write(ByteBuffer source) throws IOException {
        if (!source.hasRemaining()) {
            return 0;
        }
        while (true) {
            int n = channel.write(source);
            if (n != 0) {
                return n;
            }
            await(SelectionKey.OP_WRITE);
        }
    }

    /** Writes at least one byte of {@code sources} when they have any, waiting while the socket is full. */
    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        while (true) {
            long n = channel.write(sources, offset, length);
            if (n != 0 || !anyRemaining(sources, offset, length)) {
                return n;
            }
            await(SelectionKey.OP_WRITE);
        }
    }

    @Override
    public long write(ByteBuffer[] sources) throws IOException {
        return write(sources, 0, sources.length);
    }

    /** Writes what the socket takes now, maybe nothing; never waits. */
    int writeNow(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    /** Sends FIN: the peer reads the end of the stream once it has read what was written. */
    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    /** Closes the socket and wakes whoever waits on it; idempotent. */
    @Override
    public void close() throws IOException {
        closed = true;
        try {
            channel.close();
        } finally {
            wake(reader);
            wake(writer);
            start(takeResumer());
            poller.wakeup(); // the selector lets go of the key, and the socket is closed
        }
    }

    /**
     * Called by the poller: the socket can be read or written ({@code ops}); unparks who waits for it, or
     * starts the reader that {@link #resumeWhenReadable} left.
     */
    void ready(int ops) {
        Runnable resume = null;
        synchronized (this) {
            ready |= ops;
            if ((ops & SelectionKey.OP_READ) != 0) {
                resume = resumer;
                resumer = null;
            }
        }
        if ((ops & SelectionKey.OP_READ) != 0) {
            wake(reader);
            start(resume);
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            wake(writer);
        }
    }

    private void await(int op) throws IOException {
        Thread me = Thread.currentThread();
        if (op == SelectionKey.OP_READ) {
            seenIdle = false; // before the reader shows: a sweep counts from this wait on
            stop = false;
        }
        synchronized (this) {
            ready &= ~op;
        }
        if (op == SelectionKey.OP_READ) {
            reader = me;
        } else {
            writer = me;
        }
        try {
            poller.arm(this, channel, op);
            while ((ready & op) == 0) {
                if (closed || !channel.isOpen()) {
                    throw new ClosedChannelException();
                }
                if (stop && stoppable && op == SelectionKey.OP_READ) {
                    throw new ReaderStopped(); // the read interest stays armed: resumeWhenReadable arms it again anyway
                }
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    close();
                    me.interrupt();
                    throw new ClosedByInterruptException();
                }
            }
        } finally {
            if (op == SelectionKey.OP_READ) {
                reader = null;
            } else {
                writer = null;
            }
        }
    }

    private static void wake(Thread thread) {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    private static boolean anyRemaining(ByteBuffer[] sources, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (sources[i] != null && sources[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }
}
