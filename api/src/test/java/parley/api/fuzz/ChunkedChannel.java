package parley.api.fuzz;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Random;

/**
 * A stream of bytes handed out in chunks of random sizes, as a socket does: the fuzzing harness for
 * readers. Reproducible from its seed. Not thread-safe.
 */
final class ChunkedChannel implements ReadableByteChannel {

    private final ByteBuffer bytes;
    private final Random random;
    private final int maxChunk;

    ChunkedChannel(byte[] bytes, long seed, int maxChunk) {
        this.bytes = ByteBuffer.wrap(bytes);
        this.random = new Random(seed);
        this.maxChunk = Math.max(1, maxChunk);
    }

    @Override
    public int read(ByteBuffer target) {
        if (!bytes.hasRemaining()) {
            return -1;
        }
        int n = Math.min(Math.min(target.remaining(), bytes.remaining()), 1 + random.nextInt(maxChunk));
        ByteBuffer slice = bytes.slice(bytes.position(), n);
        target.put(slice);
        bytes.position(bytes.position() + n);
        return n;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }
}
