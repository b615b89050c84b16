package parley.api.wire;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Spare heap buffers of one size, kept for the next reader or writer that needs one, so that a
 * connection can hold a buffer only while it has bytes in it: an idle one holds none, and a busy one
 * does not allocate a fresh array for each message either. The kernel's frame readers keep their
 * first-size read buffers here ({@link FrameReader#INITIAL_CAPACITY}) while idle; the TLS channels keep
 * their record buffers here between records.
 *
 * <p>Any thread; lock-free, never blocks or throws. At most {@link #POOLED} buffers of each size wait
 * here (1 MiB of 16 KiB ones); a buffer given back beyond that, or of another size, or direct, is left
 * to the garbage collector. A buffer given back must no longer be read or written by whoever gave it.
 */
public final class BufferPool {

    /** Spare buffers kept per size. */
    public static final int POOLED = 64;

    private static final ConcurrentHashMap<Integer, BufferPool> POOLS = new ConcurrentHashMap<>();

    private final int size;
    private final AtomicReferenceArray<ByteBuffer> spare = new AtomicReferenceArray<>(POOLED);

    private BufferPool(int size) {
        this.size = size;
    }

    /** The JVM's pool of {@code size}-byte heap buffers. */
    public static BufferPool of(int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a pooled buffer needs at least one byte, got " + size);
        }
        return POOLS.computeIfAbsent(size, BufferPool::new);
    }

    /** A cleared heap buffer of this pool's size: a spare one, or a new one. */
    public ByteBuffer take() {
        for (int at = 0; at < POOLED; at++) { // from the start: the few buffers in use gather there
            ByteBuffer buffer = spare.get(at);
            if (buffer != null && spare.compareAndSet(at, buffer, null)) {
                return buffer.clear();
            }
        }
        return ByteBuffer.allocate(size);
    }

    /** Gives back a buffer nobody reads or writes any more; one of another size, or direct, is left to the collector. */
    public void give(ByteBuffer buffer) {
        if (buffer.isDirect() || buffer.capacity() != size) {
            return;
        }
        for (int at = 0; at < POOLED; at++) {
            if (spare.get(at) == null && spare.compareAndSet(at, null, buffer)) {
                return;
            }
        }
    }
}
