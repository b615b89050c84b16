package parley.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link ChunkWriter} whose disk writes and hashing run on two threads of their own. The feeder
 * copies chunks into a fixed set of direct buffers; each filled buffer goes to both threads, in order,
 * and back to the free set once both are done with it. The feeder waits only when a thread is that far
 * behind. One feeding thread. Direct buffers go to the file with no further copy in the JVM (a heap
 * one would be copied into a temporary direct buffer by every write). The buffers are borrowed from a
 * {@link DirectBuffers} pool and given back when both threads have stopped.
 *
 * <p>The two are platform (daemon) threads, not virtual ones: measured, a connection's reader and
 * virtual writer and hasher threads woken by it ran on one carrier thread, one after the other, which
 * is what this class exists to avoid. Their number is bounded by the callers (one pipeline per client
 * download; on a server, {@code BufferBudget}).
 */
final class PipelinedWriter implements ChunkWriter {

    /** A filled buffer, with the two consumers still to see it; a null buffer ends the stream. */
    private static final class Chunk {
        final ByteBuffer data;
        final AtomicInteger pending = new AtomicInteger(2);

        Chunk(ByteBuffer data) {
            this.data = data;
        }

        /** The filled bytes, with a position and limit of the caller's own. */
        ByteBuffer bytes() {
            return data.duplicate().flip();
        }
    }

    private static final Chunk END = new Chunk(null);

    private final FileChannel out;
    private final MessageDigest digest = Sha256.digest();
    private final DirectBuffers pool;
    private final List<ByteBuffer> owned = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger(2);
    private final BlockingQueue<ByteBuffer> free;
    private final BlockingQueue<Chunk> toWrite;
    private final BlockingQueue<Chunk> toHash;
    private volatile IOException failure;
    private Thread writer;
    private Thread hasher;
    private ByteBuffer current;
    private boolean ended;

    private PipelinedWriter(FileChannel out, int buffers, DirectBuffers pool) {
        this.out = out;
        this.pool = pool;
        free = new ArrayBlockingQueue<>(buffers);
        toWrite = new ArrayBlockingQueue<>(buffers + 1);
        toHash = new ArrayBlockingQueue<>(buffers + 1);
        for (int i = 0; i < buffers; i++) {
            ByteBuffer buffer = pool.take();
            owned.add(buffer);
            free.add(buffer);
        }
    }

    static PipelinedWriter start(FileChannel out, int buffers, DirectBuffers pool) {
        if (buffers < 1) {
            throw new IllegalArgumentException("a pipelined writer needs at least one buffer");
        }
        PipelinedWriter pipe = new PipelinedWriter(out, buffers, pool);
        pipe.writer = Thread.ofPlatform().daemon().name("parley-files-write").start(pipe::writing);
        pipe.hasher = Thread.ofPlatform().daemon().name("parley-files-hash").start(pipe::hashing);
        return pipe;
    }

    @Override
    public void write(ByteBuffer data) throws IOException, InterruptedException {
        while (data.hasRemaining()) {
            check();
            if (current == null) {
                current = free.take().clear();
            }
            int n = Math.min(data.remaining(), current.remaining());
            current.put(current.position(), data, data.position(), n);
            current.position(current.position() + n);
            data.position(data.position() + n);
            if (!current.hasRemaining()) {
                hand(new Chunk(current));
                current = null;
            }
        }
    }

    @Override
    public String finish() throws IOException, InterruptedException {
        if (current != null && current.position() > 0) {
            hand(new Chunk(current));
            current = null;
        }
        ended = true;
        hand(END);
        writer.join();
        hasher.join();
        check();
        return Sha256.hex(digest);
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            writer.interrupt();
            hasher.interrupt();
        }
    }

    private void hand(Chunk chunk) throws InterruptedException {
        toWrite.put(chunk);
        toHash.put(chunk);
    }

    private void check() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    private void done(Chunk chunk) throws InterruptedException {
        if (chunk.pending.decrementAndGet() == 0) {
            free.put(chunk.data);
        }
    }

    /** Called by each of the two threads as it stops: the last one gives the buffers back. */
    private void stopped() {
        if (running.decrementAndGet() == 0) {
            owned.forEach(pool::give);
        }
    }

    private void writing() {
        try {
            while (true) {
                Chunk chunk = toWrite.take();
                if (chunk == END) {
                    return;
                }
                if (failure == null) {
                    try {
                        ByteBuffer bytes = chunk.bytes();
                        while (bytes.hasRemaining()) {
                            out.write(bytes);
                        }
                    } catch (IOException e) {
                        failure = e; // reported to the feeder; later chunks are dropped
                    }
                }
                done(chunk);
            }
        } catch (InterruptedException e) {
            // abandoned
        } finally {
            stopped();
        }
    }

    private void hashing() {
        try {
            while (true) {
                Chunk chunk = toHash.take();
                if (chunk == END) {
                    return;
                }
                digest.update(chunk.bytes());
                done(chunk);
            }
        } catch (InterruptedException e) {
            // abandoned
        } finally {
            stopped();
        }
    }
}
