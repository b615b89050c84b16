package parley.transport.tls;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spare heap buffers of one size for the JVM's {@link TlsChannel}s. A channel takes a buffer when it has
 * bytes to hold and gives it back as soon as it holds none, so an idle TLS connection keeps no 16 KiB
 * buffer, and a busy one does not allocate one per record either.
 *
 * <p>Thread-safe; never blocks. At most {@link #SPARE} buffers of each size wait here (about 2 MiB for
 * TLS's 16 KiB records); one given back beyond that is left to the garbage collector. A buffer given
 * back must no longer be used by whoever gave it: {@link TlsChannel} gives back only from the thread
 * that holds the buffer's lock, after its last read or write of it returned.
 */
final class BufferPool {

    /** Spare buffers kept per size. */
    static final int SPARE = 128;

    private static final ConcurrentHashMap<Integer, BufferPool> POOLS = new ConcurrentHashMap<>();

    private final int size;
    private final ArrayBlockingQueue<ByteBuffer> spare = new ArrayBlockingQueue<>(SPARE);

    private BufferPool(int size) {
        this.size = size;
    }

    /** The JVM's pool of {@code size}-byte buffers. */
    static BufferPool of(int size) {
        return POOLS.computeIfAbsent(size, BufferPool::new);
    }

    /** A cleared buffer of this pool's size: a spare one, or a new one. */
    ByteBuffer take() {
        ByteBuffer buffer = spare.poll();
        return buffer != null ? buffer.clear() : ByteBuffer.allocate(size);
    }

    /** Gives {@code buffer} back; the caller must not touch it afterwards. */
    void give(ByteBuffer buffer) {
        if (buffer.capacity() == size) {
            spare.offer(buffer);
        }
    }

    /** Spare buffers waiting now; for the tests. */
    int spare() {
        return spare.size();
    }
}
