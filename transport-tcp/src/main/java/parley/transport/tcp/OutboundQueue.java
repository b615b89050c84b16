package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import parley.api.wire.Frames;

/**
 * A connection's bounded queue of payloads, and its writer, which frames them.
 *
 * <p><b>The writer.</b> {@link #offer} never blocks: it appends, and starts a writer (a virtual thread)
 * if the connection has none, or wakes it if it waits. On a reader thread the start is held back until
 * that reader has handled the frames it read ({@link DeferredWriters}), and then, when the payloads go
 * straight to the socket ({@link PolledSocket}, non-blocking) and {@link #INLINE_MIN_BYTES} or more are
 * queued, or the reader is the only one awake ({@link AwakeReaders}), the reader writes them itself, as
 * far as the socket takes them without waiting, and starts a writer only for what is left
 * ({@link #startDeferred}): a fan-out to members who keep up, and a steady stream from one sender, cost
 * no thread. An offer from a thread that is not a reader, or a
 * wait for the queue to drain, starts a held-back writer at once. The writer takes
 * what is queued, batch after batch, and ends when the queue is empty, so an idle connection holds no
 * thread and no buffer; a burst is written in few large batches by one thread. With
 * {@code writer-linger} above 0, it waits that long for more before it ends ({@link IdleWriters} ends it), so
 * a steady stream wakes one writer instead of starting a thread per message; measured on two busy cores
 * that was slower at 100 members (the wake-up comes at once, so batches are smaller) and faster at
 * 1,000, so it is off by default and kept as a setting to measure again (docs/PERFORMANCE.md).
 *
 * <p><b>The writes.</b> The writer takes what is queued (up to {@link WriteBuffers#SIZE} bytes) and
 * copies it, each payload behind its 4-byte length in the framed form, into a pooled direct buffer
 * ({@link WriteBuffers}): one system call per batch, no per-write allocation, and no copy by the JDK
 * into a temporary direct buffer. A payload shared by many queues is never changed. If the socket takes
 * only part of a batch (a slow reader), the buffer is kept while a quarter of it or more is left (bytes
 * counted in this queue and the server's budget until written); a smaller rest moves to a heap array of
 * its size and the buffer goes back, so the direct memory a slow connection holds stays within four
 * times its counted bytes.
 *
 * <p>An entry is either a payload (an array, maybe shared with other queues) or a binary frame whose
 * data is a caller's buffer ({@link #offer(byte[], ByteBuffer, Runnable)}), written as it is behind its
 * header (a direct buffer: no copy at all) and released once written or dropped.
 *
 * <p><b>Limits.</b> The queued bytes count until written. When they would pass the limit, the offer is
 * refused with {@link Offer#OVERFLOW} and the queue shuts; past the server's {@link OutboundBudget}, with
 * more than a fair share here, with {@link Offer#OVER_BUDGET}.
 */
final class OutboundQueue {

    enum Offer {
        QUEUED,
        CLOSED,
        /** Past this connection's {@code outbound-queue-bytes}. */
        OVERFLOW,
        /** Past the server's {@link OutboundBudget}, with more than a fair share held here. */
        OVER_BUDGET
    }

    /** How much of the server's budget a queue takes at a time: at most this much is counted and not queued. */
    static final long RESERVE_STEP = 8 * 1024;
    /** The most entries a batch list is sized for at once (a batch of small payloads fills a 64 KiB buffer). */
    private static final int MAX_BATCH_ENTRIES = 1024;
    /** How often the writer tries the lock before it waits for it. */
    private static final int WRITER_SPINS = 64;
    /** The most batches a reader's flush writes to one socket before a writer thread takes the rest over. */
    static final int INLINE_BATCHES = 2;
    /**
     * The least a held-back queue holds for the reader's flush to write it itself while other readers are
     * awake (4 KiB, about twenty 100-byte messages). Less goes to a writer thread: it starts once the
     * readers that are ready have had their turn, so it also takes what they queued meanwhile, in one
     * write. Measured: a room of 50 members who all send was 0.76 times as fast when every flush wrote its
     * one message to each member itself (docs/PERFORMANCE.md). A reader alone writes whatever it holds:
     * no other reader's frames could join the batch, and a thread per member and message cost a steady
     * stream a fifth of its CPU per delivery.
     */
    static final long INLINE_MIN_BYTES = 4 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when nothing is queued or being written. */
    private final Condition idle = lock.newCondition();
    /** Signalled when bytes were written (or the queue shut), for {@link #awaitBelow}. */
    private final Condition written = lock.newCondition();
    /** The waiting writer waits here for work, or to be told to end. */
    private final Condition work = lock.newCondition();
    private final GatheringByteChannel channel;
    /** The socket itself, when payloads go straight to it (no layer): a reader's flush writes to it without waiting. */
    private final PolledSocket direct;
    private final long limit;
    private final java.util.function.Consumer<IOException> onWriteError;
    /** A binary payload's head and a caller's data buffer, with what gives the buffer back. */
    private record Data(byte[] head, ByteBuffer data, Runnable release) {
    }

    /** Entries: {@code byte[]} or {@link Data}; {@code null} until the first offer and after a shut. */
    private ArrayDeque<Object> queue;
    /** True for the framed form: each payload goes behind its length. Legacy lines go as they are. */
    private volatile boolean framed = true;
    private long queuedBytes;
    /** The entries this queue accepted, ever: {@link #offered()}. */
    private long offered;
    /**
     * The bytes counted for this queue in the server's budget: at least {@link #queuedBytes}, taken in
     * steps of {@link #RESERVE_STEP} and given back when the queue empties, so that the budget's one
     * counter, shared by every connection, is touched once per few dozen messages and not twice per
     * message (it was the hottest line of a fan-out's profile).
     */
    private long reserved;
    /** A writer thread exists (writing, or waiting for work), or is held back by {@link #heldBy}. */
    private boolean writer;
    /** The reader that holds back this queue's writer ({@link DeferredWriters}); null when it runs or none is needed. */
    private DeferredWriters heldBy;
    /** The writer holds a batch it is writing. */
    private boolean writing;
    /** The writer waits for work. */
    private boolean waiting;
    /** The writer is asked to end (it has waited long enough). */
    private boolean retire;
    /** When the writer last started to wait. */
    private long waitingSince;
    /** Among the {@link IdleWriters} being swept. */
    private boolean listed;
    private boolean closed;

    private final OutboundBudget budget;
    private final Traffic traffic;
    /** How long the writer waits for work before it ends ({@code writer-linger}); 0: it ends when the queue is empty. */
    private final long lingerNanos;

    OutboundQueue(GatheringByteChannel channel, long limit, java.util.function.Consumer<IOException> onWriteError) {
        this(channel, limit, new OutboundBudget(Long.MAX_VALUE), new Traffic(), TcpSettings.WRITER_LINGER.defaultValue().toNanos(),
                onWriteError);
    }

    OutboundQueue(GatheringByteChannel channel, long limit, OutboundBudget budget, Traffic traffic, long lingerNanos,
                  java.util.function.Consumer<IOException> onWriteError) {
        this.lingerNanos = lingerNanos;
        this.budget = budget;
        this.traffic = traffic;
        this.channel = channel;
        this.direct = channel instanceof PolledSocket socket ? socket : null;
        this.limit = limit;
        this.onWriteError = onWriteError;
    }

    /** Sets whether payloads go behind a 4-byte length (the framed form) or as they are (legacy lines). */
    void framed(boolean framed) {
        this.framed = framed;
    }

    /** Queues one payload; in the framed form it goes out behind its length. */
    Offer offer(byte[] payload) {
        return add(payload, (framed ? Frames.HEADER_BYTES : 0) + payload.length);
    }

    /** Queues a binary payload of {@code head} then {@code data}; {@code release} runs once, when written or dropped. */
    Offer offer(byte[] head, ByteBuffer data, Runnable release) {
        Offer offer = add(new Data(head, data, release), Frames.HEADER_BYTES + head.length + data.remaining());
        if (offer != Offer.QUEUED) {
            release.run();
        }
        return offer;
    }

    private Offer add(Object entry, long bytes) {
        List<Object> dropped;
        Offer refused = null;
        DeferredWriters hold = null;
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes > 0 && queuedBytes + bytes > limit) {
                refused = Offer.OVERFLOW;
            } else if (queuedBytes + bytes > OutboundBudget.FAIR_SHARE && queuedBytes + bytes > reserved
                    && budget.over(queuedBytes + bytes - reserved)) {
                refused = Offer.OVER_BUDGET;
            }
            if (refused != null) {
                budget.dropped();
                dropped = shut();
            } else {
                if (queue == null) {
                    queue = new ArrayDeque<>();
                }
                queue.addLast(entry);
                offered++;
                count(bytes);
                if (writer && waiting) {
                    work.signal();
                }
                if (writer && heldBy == null) {
                    return Offer.QUEUED; // a writer runs: the common case under load, with no lookup at all
                }
                DeferredWriters reader = DeferredWriters.current();
                if (writer && heldBy == reader) {
                    return Offer.QUEUED;
                }
                // no writer yet, or one held back by another reader: this offer waits for no flush but its
                // own reader's (the first flush of either starts the writer), or, off a reader thread, none
                writer = true;
                heldBy = reader; // null off a reader thread: the writer starts now
                hold = reader;
                dropped = null;
            }
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            release(dropped);
            return refused;
        }
        if (hold != null) {
            hold.hold(this);
        } else {
            startWriter();
        }
        return Offer.QUEUED;
    }

    /**
     * Writes what a reader held back ({@link DeferredWriters}), unless a writer started since: on the
     * calling thread (the reader's) as far as the socket takes it without waiting, when payloads go
     * straight to the socket and at least {@link #INLINE_MIN_BYTES} are queued or the reader is
     * {@code alone}, up to {@link #INLINE_BATCHES} batches; a writer thread takes over the rest (a full
     * socket, a binary frame, more batches), or everything when less is queued with other readers
     * awake, or when a layer (TLS, a WebSocket) writes the payloads, since a layer's write may wait.
     *
     * @param batch an empty list the caller owns, used for this call only and left empty
     * @param alone the calling reader is the only one awake ({@link AwakeReaders#alone})
     */
    void startDeferred(List<Object> batch, boolean alone) {
        boolean inline;
        lock.lock();
        try {
            if (heldBy == null) {
                return;
            }
            heldBy = null;
            inline = direct != null && (alone || queuedBytes >= INLINE_MIN_BYTES);
        } finally {
            lock.unlock();
        }
        if (!inline) {
            startWriter();
        } else {
            writeInline(batch);
        }
    }

    /** Starts a writer now if one is held back; under the lock, before waiting for the queue to drain. */
    private void releaseHeld() {
        if (heldBy != null) {
            heldBy = null;
            startWriter();
        }
    }

    private void startWriter() {
        startWriter(0, null);
    }

    /**
     * Starts a writer thread that first writes {@code rest} (what the socket did not take of a batch
     * written inline, or null), then counts {@code done} bytes as the last batch's and goes on.
     */
    private void startWriter(long done, ByteBuffer rest) {
        Thread.ofVirtual().name("parley-writer").start(() -> write(done, rest));
    }

    /** {@link #startDeferred}'s writes on the reader's thread; holds the writer role until it ends or hands over. */
    private void writeInline(List<Object> batch) {
        long done = 0;
        for (int round = 0; round < INLINE_BATCHES; round++) {
            int taken;
            try {
                taken = next(batch, done, true);
            } catch (InterruptedException e) {
                throw new IllegalStateException("an inline write does not wait", e);
            }
            if (taken == 0) {
                return; // all written: the writer role is given up
            }
            if (taken < 0) {
                startWriter(); // a binary frame or a long payload is next: a writer thread writes it
                return;
            }
            try {
                done = writeBatchNow(batch);
            } catch (IOException e) {
                failed(e, batch);
                batch.clear();
                return;
            }
            batch.clear();
            if (done < 0) {
                return; // the socket was full: a writer thread took the rest over
            }
        }
        startWriter(done, null);
    }

    /**
     * Writes one batch of payloads to the socket without waiting. When the socket takes it all, returns
     * its size; otherwise copies what is left to the heap, starts a writer thread that writes it first,
     * and returns -1.
     */
    private long writeBatchNow(List<Object> batch) throws IOException {
        ByteBuffer buffer = WriteBuffers.take();
        try {
            for (Object entry : batch) {
                byte[] payload = (byte[]) entry;
                if (framed) {
                    buffer.putInt(payload.length);
                }
                buffer.put(payload);
            }
            buffer.flip();
            long size = buffer.remaining();
            while (buffer.hasRemaining()) {
                int n = direct.writeNow(buffer);
                if (n == 0) {
                    byte[] rest = new byte[buffer.remaining()];
                    buffer.get(rest);
                    startWriter(size, ByteBuffer.wrap(rest));
                    return -1;
                }
                traffic.writtenInline(n);
            }
            return size;
        } finally {
            WriteBuffers.give(buffer);
        }
    }

    /** Refuses further offers, then waits up to {@code grace} for what is queued to be written. */
    void closeAfterDrain(Duration grace) {
        long left = grace.toNanos();
        lock.lock();
        try {
            closed = true;
            if (waiting) {
                work.signal();
            }
            releaseHeld();
            while (busy() && left > 0) {
                left = idle.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until at most {@code bytes} are queued or being written.
     *
     * @return false when the queue shut or the time ran out first
     */
    boolean awaitBelow(long bytes, Duration timeout) throws InterruptedException {
        long left = timeout.toNanos();
        lock.lock();
        try {
            if (queuedBytes > bytes) {
                releaseHeld();
            }
            while (!closed && queuedBytes > bytes) {
                if (left <= 0) {
                    return false;
                }
                left = written.awaitNanos(left);
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Refuses further offers and drops what is queued. */
    void discard() {
        List<Object> dropped;
        lock.lock();
        try {
            dropped = shut();
        } finally {
            lock.unlock();
        }
        release(dropped);
    }

    /**
     * Called by {@link IdleWriters}' sweep: tells a writer that has waited for {@code linger} to end.
     *
     * @return true to stay listed (the writer is still there and has not waited long enough)
     */
    boolean retireIfIdle(long now) {
        if (!lock.tryLock()) {
            return true; // busy: look again next sweep
        }
        try {
            if (!writer) {
                listed = false;
                return false;
            }
            if (waiting && now - waitingSince >= lingerNanos) {
                retire = true;
                work.signal();
                listed = false;
                return false;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** True while a reader holds back this queue's writer ({@link DeferredWriters}); for tests. */
    boolean held() {
        lock.lock();
        try {
            return heldBy != null;
        } finally {
            lock.unlock();
        }
    }

    /** The entries this queue has accepted since it was made. */
    long offered() {
        lock.lock();
        try {
            return offered;
        } finally {
            lock.unlock();
        }
    }

    /** The bytes queued or being written, not yet written; for tests and figures. */
    long queuedBytes() {
        lock.lock();
        try {
            return queuedBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Queued or being written; under the lock. */
    private boolean busy() {
        return writing || (queue != null && !queue.isEmpty());
    }

    /** Shuts the queue under the lock; returns what it held, to be released outside it. */
    private List<Object> shut() {
        closed = true;
        if (heldBy != null) { // its writer never started: none will
            heldBy = null;
            writer = false;
        }
        List<Object> dropped = queue == null ? List.of() : List.copyOf(queue);
        queue = null;
        count(-queuedBytes);
        written.signalAll();
        if (waiting) {
            work.signal();
        }
        return dropped;
    }

    /**
     * Changes the queued bytes, and the server's budget when they leave the reserved part; under the lock.
     * The budget counts at most {@link #RESERVE_STEP} more than is queued, and nothing for an empty queue.
     */
    private void count(long delta) {
        queuedBytes += delta;
        if (queuedBytes > reserved) {
            long take = Math.max(RESERVE_STEP, queuedBytes - reserved);
            budget.add(take);
            reserved += take;
        } else if (reserved > 0 && (queuedBytes == 0 || reserved - queuedBytes > 2 * RESERVE_STEP)) {
            long give = queuedBytes == 0 ? reserved : reserved - queuedBytes - RESERVE_STEP;
            budget.add(-give);
            reserved -= give;
        }
    }

    /** Gives back the data buffers among {@code entries}. */
    private static void release(List<?> entries) {
        for (Object entry : entries) {
            if (entry instanceof Data data) {
                data.release().run();
            }
        }
    }

    /**
     * Counts the last batch's {@code done} bytes as written, then takes the next batch, under the lock
     * (taken once per batch), waiting for one while there is none; returns how many entries it put in
     * {@code batch}, or 0 when the writer ends. {@code inline} (a reader's flush): never waits (the
     * writer role ends when the queue is empty), takes only payloads that fit in the direct buffer, and
     * returns -1, holding the writer role, when the first entry is not one: a writer thread must take it.
     */
    private int next(List<Object> batch, long done, boolean inline) throws InterruptedException {
        lockForWriter();
        try {
            if (done > 0) {
                if (!closed || queue != null) {
                    count(-done); // counted until written, so a streaming sender can wait on it
                }
                written.signalAll();
            }
            while (queue == null || queue.isEmpty()) {
                writing = false;
                idle.signalAll();
                if (closed || retire || queue == null || lingerNanos == 0 || inline) {
                    writer = false;
                    retire = false;
                    return 0;
                }
                waiting = true;
                waitingSince = System.nanoTime();
                if (!listed) {
                    listed = true;
                    IdleWriters.list(this);
                }
                try {
                    work.await();
                } finally {
                    waiting = false;
                }
            }
            retire = false;
            writing = true;
            int header = framed ? Frames.HEADER_BYTES : 0;
            if (inline && !inlineable(queue.peekFirst(), header)) {
                return -1;
            }
            long size = 0;
            if (batch instanceof ArrayList<Object> list) {
                list.ensureCapacity(Math.min(queue.size(), MAX_BATCH_ENTRIES));
            }
            while (!queue.isEmpty()) {
                Object next = queue.peekFirst();
                long bytes = next instanceof byte[] payload ? header + payload.length
                        : Frames.HEADER_BYTES + ((Data) next).head().length;
                if (!batch.isEmpty() && (size + bytes > WriteBuffers.SIZE || (inline && !inlineable(next, header)))) {
                    break;
                }
                batch.add(queue.pollFirst());
                size += bytes;
                if (next instanceof Data || bytes > WriteBuffers.SIZE) {
                    break; // a caller's buffer or a long payload is written beside the direct buffer: last of the batch
                }
            }
            return batch.size();
        } finally {
            lock.unlock();
        }
    }

    /** A payload a batch written inline may hold: one that fits in the direct buffer. */
    private static boolean inlineable(Object entry, int header) {
        return entry instanceof byte[] payload && header + payload.length <= WriteBuffers.SIZE;
    }

    /** The writer thread: writes {@code rest} first (see {@link #startWriter(long, ByteBuffer)}), then batch after batch. */
    private void write(long done, ByteBuffer rest) {
        List<Object> batch = new ArrayList<>();
        ByteBuffer[] pair = new ByteBuffer[2];
        long size = done;
        if (rest != null) {
            try {
                while (rest.hasRemaining()) {
                    traffic.written(channel.write(rest));
                }
            } catch (IOException e) {
                failed(e, batch);
                return;
            }
        }
        while (true) {
            try {
                if (next(batch, size, false) == 0) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed(new IOException("the writer was interrupted"), batch);
                return;
            }
            try {
                size = writeBatch(batch, pair);
            } catch (IOException e) {
                failed(e, batch);
                return;
            }
            for (Object entry : batch) {
                if (entry instanceof Data data) {
                    data.release().run();
                }
            }
            batch.clear();
        }
    }

    /**
     * Takes the lock for the writer: spinning a little first, since offers hold it only for an append.
     * Parking here instead made every offer that released the lock wake the writer (measured: a quarter of
     * a fan-out's samples, in the lock's hand-over).
     */
    private void lockForWriter() {
        for (int i = 0; i < WRITER_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    /** Writes one batch whole; returns its size in bytes. */
    private long writeBatch(List<Object> batch, ByteBuffer[] pair) throws IOException {
        ByteBuffer buffer = WriteBuffers.take();
        ByteBuffer beside = null;
        boolean pooled = true;
        try {
            for (Object entry : batch) {
                if (entry instanceof byte[] payload) {
                    if (framed) {
                        buffer.putInt(payload.length);
                    }
                    if (payload.length <= buffer.remaining()) {
                        buffer.put(payload);
                    } else {
                        beside = ByteBuffer.wrap(payload); // longer than the buffer: written from the heap
                    }
                } else {
                    Data data = (Data) entry;
                    buffer.putInt(data.head().length + data.data().remaining()).put(data.head());
                    beside = data.data();
                }
            }
            buffer.flip();
            long size = buffer.remaining() + (beside == null ? 0 : beside.remaining());
            pair[0] = buffer;
            pair[1] = beside;
            int count = beside == null ? 1 : 2;
            long left = size;
            while (left > 0) {
                long n = channel.write(pair, 0, count);
                traffic.written(n);
                left -= n;
                if (pooled && left > 0 && pair[0].remaining() < WriteBuffers.SIZE / 4) {
                    // the socket is full (a slow reader) and little of the batch is left: the direct buffer
                    // goes back to the pool and the rest moves to a heap array of its size. With more left
                    // (a quarter of the buffer or more, all of it counted in the queued bytes and the
                    // server's budget) the buffer is kept: copying it out would cost more than it saves
                    byte[] rest = new byte[pair[0].remaining()];
                    pair[0].get(rest);
                    WriteBuffers.give(buffer);
                    pooled = false;
                    pair[0] = ByteBuffer.wrap(rest);
                }
            }
            return size;
        } finally {
            pair[0] = null;
            pair[1] = null;
            if (pooled) {
                WriteBuffers.give(buffer);
            }
        }
    }

    /** A write failed or the writer was interrupted: the queue shuts and drops what it holds. */
    private void failed(IOException e, List<Object> batch) {
        List<Object> dropped;
        lock.lock();
        try {
            dropped = shut();
            writer = false;
            writing = false;
            waiting = false;
            idle.signalAll();
            written.signalAll();
        } finally {
            lock.unlock();
        }
        release(batch);
        release(dropped);
        onWriteError.accept(e);
    }
}
