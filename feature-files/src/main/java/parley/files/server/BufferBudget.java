package parley.files.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import parley.files.ChunkWriter;
import parley.files.DirectBuffers;

/**
 * Bounds the memory that uploads' pipelined writers hold, server-wide: an upload gets a pipelined
 * {@link ChunkWriter} (disk and hash on two threads beside its reader thread) while the budget allows,
 * and an inline one (all on its reader thread) beyond it. Either way its file is written and checked the same; only
 * the speed differs. The memory comes back when the writer finishes or is closed. Thread-safe.
 */
final class BufferBudget {

    static final int BUFFERS = 4;
    static final int BUFFER_SIZE = 256 * 1024;
    static final long EACH = (long) BUFFERS * BUFFER_SIZE;

    private final AtomicLong left;
    private final DirectBuffers pool;

    /** A budget of {@code bytes}; the buffers that fit in it are kept for reuse. */
    BufferBudget(long bytes) {
        this.left = new AtomicLong(bytes);
        this.pool = new DirectBuffers(BUFFER_SIZE, (int) Math.min(1024, Math.max(1, bytes / BUFFER_SIZE)));
    }

    /**
     * A budget of a sixteenth of the heap this JVM may use, and at most two pipelines per processor:
     * more would only compete for the same cores (each pipeline has two threads).
     */
    static BufferBudget ofHeap() {
        long cores = Runtime.getRuntime().availableProcessors();
        return new BufferBudget(Math.min(Runtime.getRuntime().maxMemory() / 16, 2 * cores * EACH));
    }

    /** A writer for one upload into {@code out}: pipelined if the budget allows, else inline. */
    ChunkWriter take(FileChannel out) {
        if (left.addAndGet(-EACH) < 0) {
            left.addAndGet(EACH);
            return ChunkWriter.inline(out);
        }
        return new Budgeted(ChunkWriter.pipelined(out, BUFFERS, pool));
    }

    /** Bytes left, for tests. */
    long left() {
        return left.get();
    }

    /** A pipelined writer that gives its memory back to the budget once it ends. */
    private final class Budgeted implements ChunkWriter {
        private final ChunkWriter writer;
        private final AtomicBoolean held = new AtomicBoolean(true);

        Budgeted(ChunkWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(ByteBuffer data) throws IOException, InterruptedException {
            writer.write(data);
        }

        @Override
        public String finish() throws IOException, InterruptedException {
            try {
                return writer.finish();
            } finally {
                giveBack();
            }
        }

        @Override
        public void close() {
            writer.close();
            giveBack();
        }

        private void giveBack() {
            if (held.compareAndSet(true, false)) {
                left.addAndGet(EACH);
            }
        }
    }
}
