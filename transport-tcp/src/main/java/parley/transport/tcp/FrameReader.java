package parley.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import parley.api.wire.Frames;

/**
 * Reads a client's incoming frames into direct buffers: small frames through one 16 KiB read buffer,
 * several per system call; a frame longer than that straight into a buffer of its own, so the bulk of
 * a file chunk goes from the socket to where it is consumed (a file, a hash) with no copy in the JVM.
 * Only the few bytes of it already read ahead are copied.
 *
 * <p>Not thread-safe: the connection's reader thread owns it. A payload is valid until the next call.
 */
final class FrameReader {

    /** The read buffer, and the longest frame read through it. */
    static final int BUFFER = 16 * 1024;

    private final ReadableByteChannel channel;
    private final int maxFrameBytes;
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER).flip(); // kept in read mode: unread bytes
    private ByteBuffer large;

    FrameReader(ReadableByteChannel channel, int maxFrameBytes) {
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
    }

    /** Thrown for a frame over the limit, from its header alone. */
    static final class TooLong extends IOException {
        TooLong(long length, int max) {
            super("the server sent a frame of " + length + " bytes, over this client's limit of " + max);
        }
    }

    /**
     * The next frame's payload, from the returned buffer's position to its limit.
     *
     * @return {@code null} when the stream ended cleanly between two frames
     * @throws TooLong     for a frame over the limit (nothing of it is read)
     * @throws EOFException when the stream ended inside a frame
     */
    ByteBuffer next() throws IOException {
        if (!fill(Frames.HEADER_BYTES, true)) {
            return null;
        }
        long length = Integer.toUnsignedLong(in.getInt());
        if (length > maxFrameBytes) {
            throw new TooLong(length, maxFrameBytes);
        }
        int size = (int) length;
        if (size <= BUFFER) {
            fill(size, false);
            ByteBuffer payload = in.slice(in.position(), size);
            in.position(in.position() + size);
            return payload;
        }
        if (large == null || large.capacity() < size) {
            large = ByteBuffer.allocateDirect(size);
        }
        large.clear().limit(size);
        large.put(in); // what was read ahead; the rest comes straight from the socket
        while (large.hasRemaining()) {
            if (channel.read(large) < 0) {
                throw new EOFException("the connection closed in the middle of a frame");
            }
        }
        return large.flip();
    }

    /** Makes at least {@code n} bytes unread; false when the stream ended before any, if {@code endAllowed}. */
    private boolean fill(int n, boolean endAllowed) throws IOException {
        if (in.remaining() >= n) {
            return true;
        }
        in.compact();
        try {
            while (in.position() < n) {
                if (channel.read(in) < 0) {
                    if (endAllowed && in.position() == 0) {
                        return false;
                    }
                    throw new EOFException("the connection closed in the middle of a frame");
                }
            }
            return true;
        } finally {
            in.flip();
        }
    }
}
