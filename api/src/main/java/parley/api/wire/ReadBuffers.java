package parley.api.wire;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The first-size read buffers ({@link FrameReader#INITIAL_CAPACITY}) of the readers that drop theirs
 * while idle, kept for the next reader that wakes: a connection that receives a message now and then
 * would otherwise allocate a fresh 16 KiB array for each. At most {@link #POOLED} are kept (1 MiB);
 * idle connections still hold none. Thread-safe and lock-free.
 */
final class ReadBuffers {

    static final int POOLED = 64;

    private static final AtomicReferenceArray<ByteBuffer> POOL = new AtomicReferenceArray<>(POOLED);

    private ReadBuffers() {
    }

    /** A cleared heap buffer of {@link FrameReader#INITIAL_CAPACITY} bytes. */
    static ByteBuffer take() {
        int start = (int) (Thread.currentThread().threadId() & (POOLED - 1));
        for (int i = 0; i < POOLED; i++) {
            int at = (start + i) & (POOLED - 1);
            ByteBuffer buffer = POOL.get(at);
            if (buffer != null && POOL.compareAndSet(at, buffer, null)) {
                return buffer.clear();
            }
        }
        return ByteBuffer.allocate(FrameReader.INITIAL_CAPACITY);
    }

    /** Gives back a buffer nobody reads from any more; one of another size is left to the collector. */
    static void give(ByteBuffer buffer) {
        if (buffer.isDirect() || buffer.capacity() != FrameReader.INITIAL_CAPACITY) {
            return;
        }
        int start = (int) (Thread.currentThread().threadId() & (POOLED - 1));
        for (int i = 0; i < POOLED; i++) {
            int at = (start + i) & (POOLED - 1);
            if (POOL.get(at) == null && POOL.compareAndSet(at, null, buffer)) {
                return;
            }
        }
    }
}
