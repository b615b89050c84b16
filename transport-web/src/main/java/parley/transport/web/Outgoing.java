package parley.transport.web;

import java.nio.ByteBuffer;

/**
 * Cuts the transport's outgoing byte stream of frames ({@code [uint32 length][payload]}, written in
 * pieces of any size) back into payloads, one WebSocket message each. The transport's writer thread
 * only.
 */
final class Outgoing {

    private final ByteBuffer length = ByteBuffer.allocate(4);
    private byte[] payload;
    private int filled;

    /** The next whole payload taken from {@code source}, or {@code null} once {@code source} is used up mid-frame. */
    byte[] next(ByteBuffer source) {
        while (source.hasRemaining()) {
            if (payload == null) {
                while (length.hasRemaining() && source.hasRemaining()) {
                    length.put(source.get());
                }
                if (length.hasRemaining()) {
                    return null;
                }
                int size = length.flip().getInt();
                length.clear();
                if (size < 0) {
                    throw new IllegalStateException("the transport wrote a frame of " + size + " bytes");
                }
                payload = new byte[size];
                filled = 0;
            }
            int n = Math.min(source.remaining(), payload.length - filled);
            source.get(payload, filled, n);
            filled += n;
            if (filled == payload.length) {
                byte[] done = payload;
                payload = null;
                return done;
            }
        }
        return null;
    }
}
