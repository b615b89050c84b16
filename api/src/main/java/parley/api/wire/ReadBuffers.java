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
        for (int at = 0; at < POOLED; at++) { // from the start: the few buffers in use gather there
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
        for (int at = 0; at < POOLED; at++) {
            if (POOL.get(at) == null && POOL.compareAndSet(at, null, buffer)) {
                return;
            }
        }
    }
}
