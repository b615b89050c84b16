package parley.transport.tcp;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The direct buffers the connections' writers copy their batches into, shared by all connections and
 * reused: a socket write from a heap array makes the JDK copy it into a temporary direct buffer first,
 * and a writev of many small arrays costs one such copy and one slice per array. A writer takes a
 * buffer for one batch and gives it back once the batch is written (or once a slow socket made it
 * move the rest to the heap), so only writers that are writing hold one. At most {@link #POOLED} are
 * kept; more are allocated when more writers write at once, and left to the garbage collector.
 * Thread-safe and lock-free.
 */
final class WriteBuffers {

    /** Each buffer's size: a batch of small messages, or a file chunk's header and head. */
    static final int SIZE = 64 * 1024;
    /** Buffers kept for reuse (4 MiB): more than the writers that write at one time on a few cores. */
    static final int POOLED = 64;

    private static final AtomicReferenceArray<ByteBuffer> POOL = new AtomicReferenceArray<>(POOLED);

    private WriteBuffers() {
    }

    /** A cleared direct buffer of {@link #SIZE} bytes. */
    static ByteBuffer take() {
        for (int at = 0; at < POOLED; at++) { // from the start: the few buffers in use gather there
            ByteBuffer buffer = POOL.get(at);
            if (buffer != null && POOL.compareAndSet(at, buffer, null)) {
                return buffer.clear();
            }
        }
        return ByteBuffer.allocateDirect(SIZE);
    }

    /** Gives a buffer back; the caller no longer touches it. */
    static void give(ByteBuffer buffer) {
        for (int at = 0; at < POOLED; at++) {
            if (POOL.get(at) == null && POOL.compareAndSet(at, null, buffer)) {
                return;
            }
        }
        // the pool is full: the garbage collector frees it
    }
}
