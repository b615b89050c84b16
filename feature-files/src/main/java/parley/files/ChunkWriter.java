package parley.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a stream of chunks (the binary frames of a transfer) to a file, in order, and computes their
 * SHA-256.
 *
 * <p>Two forms. {@link #inline} writes and hashes on the caller's thread. {@link #pipelined} copies
 * each chunk into one of a few buffers and returns; a writer thread and a hashing thread each take
 * every buffer in turn, so the thread that feeds it (a connection's reader) does little more than one
 * memory copy, and disk, hash and network work run side by side. Receiving a file on one thread was
 * the bottleneck of a transfer (see docs/PERFORMANCE.md). It holds
 * {@code buffers * bufferSize} bytes (direct, outside the heap) whatever the stream's length;
 * {@link #write} waits while all buffers are taken.
 *
 * <p>One thread feeds it: {@link #write}s, then {@link #finish}, or {@link #close} to abandon. A failure
 * to write is thrown by the next {@code write} or by {@code finish}. The channel is the caller's: it is
 * not closed here.
 */
public interface ChunkWriter extends AutoCloseable {

    /**
     * Appends the remaining bytes of {@code data} and consumes them (its position ends at its limit); the
     * buffer may be reused after the call. A direct buffer saves the JDK a copy on its way to the file.
     */
    void write(ByteBuffer data) throws IOException, InterruptedException;

    /** Appends {@code length} bytes of {@code data} from {@code offset}; the array may be reused after the call. */
    default void write(byte[] data, int offset, int length) throws IOException, InterruptedException {
        write(ByteBuffer.wrap(data, offset, length));
    }

    /** Waits until everything is written, and returns the SHA-256 of it as 64 lowercase hex digits. */
    String finish() throws IOException, InterruptedException;

    /** Abandons it: stops the background threads; idempotent, harmless after {@link #finish}. */
    @Override
    void close();

    /** Writes and hashes on the caller's thread. */
    static ChunkWriter inline(FileChannel out) {
        return new InlineWriter(out);
    }

    /**
     * Writes and hashes on threads of their own, from copies in {@code buffers} buffers taken from
     * {@code pool}; they go back to it once both threads have stopped, after {@link #finish} or
     * {@link #close}.
     */
    static ChunkWriter pipelined(FileChannel out, int buffers, DirectBuffers pool) {
        return PipelinedWriter.start(out, buffers, pool);
    }
}
