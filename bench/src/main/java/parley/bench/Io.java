package parley.bench;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Small blocking helpers for the set-up exchanges (not the hot paths). */
final class Io {

    private Io() {
    }

    static void writeAll(SocketChannel channel, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** A frame: 4-byte big-endian length, then the payload. */
    static byte[] frame(String payload) {
        return frame(payload.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] frame(byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
    }

    /** Reads one frame's payload. */
    static byte[] readFrame(SocketChannel channel) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(4);
        readFully(channel, header);
        int length = header.flip().getInt();
        if (length < 0 || length > (16 << 20)) {
            throw new IOException("the server sent a frame of " + Integer.toUnsignedString(length) + " bytes during set-up");
        }
        ByteBuffer payload = ByteBuffer.allocate(length);
        readFully(channel, payload);
        return payload.array();
    }

    static void readFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("the server closed the connection during set-up");
            }
        }
    }

    static byte[] concat(byte[]... parts) {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (byte[] part : parts) {
            out.put(part);
        }
        return out.array();
    }
}
