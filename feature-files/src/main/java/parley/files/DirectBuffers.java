package parley.files;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Direct buffers of one size, kept for reuse: the server's downloads read file chunks into them, and
 * pipelined {@link ChunkWriter}s copy chunks into them on their way to the disk. A direct buffer goes
 * to a socket or a file with no copy in the JVM. Keeping them avoids allocating and zeroing new ones
 * for every transfer, and leaving the memory of finished ones outside the heap until the garbage
 * collector happens to find them (on a large heap that can be a long time, and a lot of memory).
 *
 * <p>{@link #take} hands out a kept buffer, or a new one when none is kept; {@link #give} keeps a buffer
 * again, up to {@code keep} of them (more are left to the collector). Thread-safe, never blocks.
 */
public final class DirectBuffers {

    private final int size;
    private final ArrayBlockingQueue<ByteBuffer> kept;

    /** Buffers of {@code size} bytes; at most {@code keep} are kept between uses. */
    public DirectBuffers(int size, int keep) {
        this.size = size;
        this.kept = new ArrayBlockingQueue<>(Math.max(1, keep));
    }

    /** A cleared buffer of {@code size} bytes. */
    public ByteBuffer take() {
        ByteBuffer buffer = kept.poll();
        return buffer == null ? ByteBuffer.allocateDirect(size) : buffer.clear();
    }

    /** Keeps {@code buffer} for a later {@link #take}; the caller must not use it any more. */
    public void give(ByteBuffer buffer) {
        kept.offer(buffer);
    }

    /** How many buffers are kept now. */
    int kept() {
        return kept.size();
    }
}
