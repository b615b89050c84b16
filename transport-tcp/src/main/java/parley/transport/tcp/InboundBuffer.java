package parley.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A connection's read buffer that exists only while bytes are flowing.
 *
 * <p>When everything buffered has been consumed and the socket has nothing more ready, the buffer is
 * dropped and the reader waits on a single-byte read, so an idle connection holds no buffer at all.
 * Not thread-safe: one reader thread owns it.
 */
final class InboundBuffer {

    /** Size of the buffer while reading; it grows for a longer message, up to the frame limit. */
    static final int CHUNK = 16 * 1024;

    private final InputStream in;
    private byte[] buf;
    private int pos;
    private int lim;

    InboundBuffer(InputStream in) {
        this.in = in;
    }

    byte[] array() {
        return buf;
    }

    int position() {
        return pos;
    }

    int buffered() {
        return lim - pos;
    }

    void skip(int n) {
        pos += n;
    }

    /**
     * Makes at least {@code n} bytes available from {@link #position()}, growing the buffer if it must.
     *
     * @return false at end of stream when nothing of them had arrived
     * @throws EOFException at end of stream in the middle of them
     */
    boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (lim == pos) {
            pos = 0;
            lim = 0;
            if (buf == null || in.available() == 0) {
                buf = null; // idle: hold no buffer while waiting
                int first = in.read();
                if (first < 0) {
                    return false;
                }
                buf = new byte[Math.max(CHUNK, n)];
                buf[0] = (byte) first;
                lim = 1;
            }
        }
        if (buf.length - pos < n) {
            // not enough room after pos: slide the bytes to the front, into a bigger array if needed
            byte[] target = buf.length >= n ? buf : new byte[Math.max(n, 2 * buf.length)];
            System.arraycopy(buf, pos, target, 0, lim - pos);
            lim -= pos;
            pos = 0;
            buf = target;
        }
        while (lim - pos < n) {
            int read = in.read(buf, lim, buf.length - lim);
            if (read < 0) {
                throw new EOFException("connection closed in the middle of a message");
            }
            lim += read;
        }
        return true;
    }

    /**
     * Reads at least one more byte onto what is buffered, for a caller scanning for a delimiter.
     *
     * @return false at end of stream when nothing was buffered
     * @throws EOFException at end of stream after a partial message
     */
    boolean more() throws IOException {
        return fill(lim - pos + 1);
    }

    /**
     * Drops what is buffered and reads more, to be dropped too.
     *
     * @return false at end of stream
     */
    boolean skipAll() throws IOException {
        pos = 0;
        lim = 0;
        if (buf == null) {
            buf = new byte[CHUNK];
        }
        return in.read(buf, 0, buf.length) >= 0;
    }
}
