package parley.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/** A {@link ChunkWriter} that writes and hashes on the caller's thread. One feeding thread. */
final class InlineWriter implements ChunkWriter {

    private final FileChannel out;
    private final MessageDigest digest = Sha256.digest();

    InlineWriter(FileChannel out) {
        this.out = out;
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(data, offset, length);
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        digest.update(data, offset, length);
    }

    @Override
    public String finish() {
        return Sha256.hex(digest);
    }

    @Override
    public void close() {
        // nothing held
    }
}
