package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A connection's bounded queue of encoded messages, and its writer.
 *
 * <p>{@link #offer} never blocks: it appends, and starts a virtual thread to drain the queue if none
 * is running. The drainer takes up to {@value #MAX_BATCH} messages at a time and writes them in one
 * gathering write, so a burst costs one system call per batch, not per message. The queue holds no
 * array until the first message and no thread while empty. When the queued bytes would pass the
 * limit, the offer is refused with {@link Offer#OVERFLOW} and the queue shuts.
 */
final class OutboundQueue {

    enum Offer { QUEUED, CLOSED, OVERFLOW }

    static final int MAX_BATCH = 64;
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Condition written = lock.newCondition();
    private final GatheringByteChannel channel;
    private final long limit;
    private final Consumer<IOException> onWriteError;
    private ArrayDeque<byte[]> queue;
    private long queuedBytes;
    private boolean draining;
    private boolean closed;

    OutboundQueue(GatheringByteChannel channel, long limit, Consumer<IOException> onWriteError) {
        this.channel = channel;
        this.limit = limit;
        this.onWriteError = onWriteError;
    }

    Offer offer(byte[] bytes) {
        lock.lock();
        try {
            if (closed) {
                return Offer.CLOSED;
            }
            if (queuedBytes > 0 && queuedBytes + bytes.length > limit) {
                shut();
                return Offer.OVERFLOW;
            }
            if (queue == null) {
                queue = new ArrayDeque<>();
            }
            queue.addLast(bytes);
            queuedBytes += bytes.length;
            if (draining) {
                return Offer.QUEUED;
            }
            draining = true;
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            shut();
        } finally {
            lock.unlock();
        }
    }

    private void shut() {
        closed = true;
        queue = null;
        queuedBytes = 0;
        written.signalAll();
    }

    private void drain() {
        ByteBuffer[] batch = new ByteBuffer[MAX_BATCH];
        while (true) {
            int count = 0;
            long size = 0;
            lock.lock();
            try {
                while (queue != null && count < MAX_BATCH && size < MAX_BATCH_BYTES && !queue.isEmpty()) {
                    byte[] next = queue.pollFirst();
                    batch[count++] = ByteBuffer.wrap(next);
                    size += next.length;
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
                    left -= channel.write(batch, 0, count);
                }
            } catch (IOException e) {
                lock.lock();
                try {
                    shut();
                    draining = false;
                    idle.signalAll();
                    written.signalAll();
                } finally {
                    lock.unlock();
                }
                onWriteError.accept(e);
                return;
            }
            Arrays.fill(batch, 0, count, null);
            lock.lock();
            try {
                if (!closed || queue != null) {
                    queuedBytes -= size; // counted until written, so a streaming sender can wait on it
                }
                written.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
