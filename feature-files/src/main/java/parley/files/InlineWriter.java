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
    public void write(ByteBuffer data) throws IOException {
        ByteBuffer bytes = data.duplicate();
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        digest.update(data);
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
