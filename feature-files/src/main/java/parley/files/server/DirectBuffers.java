package parley.files.server;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Direct buffers that downloads read file chunks into, kept for reuse. A direct buffer goes from the
 * file to the socket with no copy in the JVM; keeping them avoids allocating and zeroing new ones for
 * every download, and leaving freed ones for the garbage collector to find.
 *
 * <p>{@link #take} hands out a kept buffer, or a new one when none is kept; {@link #give} keeps a buffer
 * again, up to {@code keep} of them (more are left to the collector). Thread-safe, never blocks.
 */
final class DirectBuffers {

    private final int size;
    private final ArrayBlockingQueue<ByteBuffer> kept;

    DirectBuffers(int size, int keep) {
        this.size = size;
        this.kept = new ArrayBlockingQueue<>(Math.max(1, keep));
    }

    /** A cleared buffer of {@link #size} bytes. */
    ByteBuffer take() {
        ByteBuffer buffer = kept.poll();
        return buffer == null ? ByteBuffer.allocateDirect(size) : buffer.clear();
    }

    /** Keeps {@code buffer} for a later {@link #take}; the caller must not use it any more. */
    void give(ByteBuffer buffer) {
        kept.offer(buffer);
    }

    int size() {
        return size;
    }
}
