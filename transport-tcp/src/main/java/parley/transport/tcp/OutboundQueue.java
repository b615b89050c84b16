package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import parley.api.wire.Frames;

/**
 * A connection's bounded queue of payloads, and its writer, which frames them: each payload goes out
 * behind its 4-byte length, written side by side in one gathering write, so a payload shared by many
 * queues is never copied to add the header.
 *
 * <p>{@link #offer} never blocks: it appends, and starts a virtual thread to drain the queue if none
 * is running. The drainer takes up to {@value #MAX_BATCH} buffers (headers and payloads) at a time and writes them in one
 * gathering write, so a burst costs one system call per batch, not per message. The queue holds no
 * array until the first message and no thread while empty. When the queued bytes would pass the
 * limit, the offer is refused with {@link Offer#OVERFLOW} and the queue shuts.
 *
 * <p>An entry is either a payload (an array, maybe shared with other queues) or a binary frame whose
 * data is a caller's buffer ({@link #offer(byte[], ByteBuffer, Runnable)}), written as it is and
 * released once written or dropped.
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

    static final int MAX_BATCH = 64;
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final GatheringByteChannel channel;
    private final long limit;
    private final Consumer<IOException> onWriteError;
    /** A binary payload's head and a caller's data buffer, with what gives the buffer back. */
    private record Data(byte[] head, ByteBuffer data, Runnable release) {
    }

    /** Entries: {@code byte[]} or {@link Data}; {@code null} until the first offer and after a shut. */
    private ArrayDeque<Object> queue;
    /** True for the framed form: each payload goes behind its length. Legacy lines go as they are. */
    private volatile boolean framed = true;
    private long queuedBytes;
    private boolean draining;
    private boolean closed;

    private final OutboundBudget budget;
    private final Traffic traffic;

    OutboundQueue(GatheringByteChannel channel, long limit, Consumer<IOException> onWriteError) {
        this(channel, limit, new OutboundBudget(Long.MAX_VALUE), new Traffic(), onWriteError);
    }

    OutboundQueue(GatheringByteChannel channel, long limit, OutboundBudget budget, Traffic traffic,
                  Consumer<IOException> onWriteError) {
        this.budget = budget;
        this.traffic = traffic;
        this.channel = channel;
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
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes > 0 && queuedBytes + bytes > limit) {
                refused = Offer.OVERFLOW;
            } else if (queuedBytes + bytes > OutboundBudget.FAIR_SHARE && budget.over(bytes)) {
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
                count(bytes);
                if (draining) {
                    return Offer.QUEUED;
                }
                draining = true;
                dropped = null;
            }
        } finally {
            lock.unlock();
        }
        if (dropped != null) {
            release(dropped);
            return refused;
        }
        Thread.ofVirtual().name("parley-writer").start(this::drain);
        return Offer.QUEUED;
    }

    /** Refuses further offers, then waits up to {@code grace} for what is queued to be written. */
    void closeAfterDrain(Duration grace) {
        long left = grace.toNanos();
        lock.lock();
        try {
            closed = true;
            while (draining && left > 0) {
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

    /** Shuts the queue under the lock; returns what it held, to be released outside it. */
    private List<Object> shut() {
        closed = true;
        List<Object> dropped = queue == null ? List.of() : List.copyOf(queue);
        queue = null;
        count(-queuedBytes);
        written.signalAll();
        return dropped;
    }

    /** Changes the queued bytes, here and in the server's budget alike; under the lock. */
    private void count(long delta) {
        queuedBytes += delta;
        budget.add(delta);
    }

    /** A view of the next four bytes of {@code headers}, holding {@code length}. */
    private static ByteBuffer header(ByteBuffer headers, int length) {
        int at = headers.position();
        headers.putInt(length);
        return headers.slice(at, Frames.HEADER_BYTES);
    }

    /** Gives back the data buffers among {@code entries}. */
    private static void release(List<?> entries) {
        for (Object entry : entries) {
            if (entry instanceof Data data) {
                data.release().run();
            }
        }
    }

    private void drain() {
        ByteBuffer[] batch = new ByteBuffer[MAX_BATCH];
        // the headers of one batch, side by side: at most one per two buffers of the batch
        ByteBuffer headers = ByteBuffer.allocate(Frames.HEADER_BYTES * MAX_BATCH / 2);
        List<Data> taken = new ArrayList<>();
        while (true) {
            int count = 0;
            long size = 0;
            headers.clear();
            lock.lock();
            try {
                while (queue != null && count < MAX_BATCH - 2 && size < MAX_BATCH_BYTES && !queue.isEmpty()) {
                    Object next = queue.pollFirst();
                    if (next instanceof Data data) {
                        if (count > MAX_BATCH - 3) {
                            queue.addFirst(data); // head, header and data need three slots: next batch
                            break;
                        }
                        taken.add(data); // to release once written; payloads need nothing
                        int length = data.head().length + data.data().remaining();
                        batch[count++] = header(headers, length);
                        batch[count++] = ByteBuffer.wrap(data.head());
                        batch[count++] = data.data();
                        size += Frames.HEADER_BYTES + length;
                    } else {
                        byte[] payload = (byte[]) next;
                        if (framed) {
                            batch[count++] = header(headers, payload.length);
                            size += Frames.HEADER_BYTES;
                        }
                        batch[count++] = ByteBuffer.wrap(payload);
                        size += payload.length;
                    }
                }
                if (count == 0) {
                    draining = false;
                    idle.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
            try {
                long left = size;
                while (left > 0) {
                    long n = channel.write(batch, 0, count);
                    traffic.written(n);
                    left -= n;
                }
            } catch (IOException e) {
                List<Object> dropped;
                lock.lock();
                try {
                    dropped = shut();
                    draining = false;
                    idle.signalAll();
                    written.signalAll();
                } finally {
                    lock.unlock();
                }
                release(taken);
                release(dropped);
                onWriteError.accept(e);
                return;
            }
            Arrays.fill(batch, 0, count, null);
            release(taken);
            taken.clear();
            lock.lock();
            try {
                if (!closed || queue != null) {
                    count(-size); // counted until written, so a streaming sender can wait on it
                }
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
