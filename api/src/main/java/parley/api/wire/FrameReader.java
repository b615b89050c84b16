package parley.api.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads {@code [uint32 big-endian length][payload]} frames (see {@link Frames}) from a blocking channel:
 * the one frame reader of the server, the client and P2P links. An {@link java.io.InputStream} is read
 * through {@link java.nio.channels.Channels#newChannel(java.io.InputStream)}.
 *
 * <ul>
 *   <li><b>Limit.</b> A length over the limit is refused from the header alone with a
 *       {@link FrameTooLongException}; nothing of that payload is read.</li>
 *   <li><b>Memory follows the bytes that arrive.</b> The buffer starts at {@link #INITIAL_CAPACITY} and
 *       doubles only when it is full and the frame needs more, up to the frame's size: a header announcing
 *       1 MiB followed by 5 bytes holds 16 KiB. What it grows past that is taken from a {@link MemoryBudget}
 *       that many readers share (the server's), and given back when the reader goes idle or closes.</li>
 *   <li><b>Several frames per read.</b> One read takes whatever the channel has, so small frames that
 *       arrived together are handed out with no further system call.</li>
 *   <li><b>Idle.</b> Made with {@link #releasingWhenIdle}, a reader that has handed out everything it read,
 *       and whose last read drained the channel, drops its buffer and waits on a 4-byte read: an idle
 *       connection holds no buffer. The buffer it drops goes to a small shared pool that the next reader
 *       to wake takes from, so a connection that gets a message now and then allocates nothing.</li>
 *   <li><b>Direct.</b> Made with {@link #direct}, it reads into a direct buffer: a large frame (a file
 *       chunk) goes from the socket to its consumer with no copy in the JVM once the buffer has grown.</li>
 *   <li><b>Read-ahead.</b> Bytes read past the last frame handed out stay available through
 *       {@link #takeReadAhead()}, for a caller that takes the stream over (the P2P relay).</li>
 *   <li><b>Restartable.</b> A frame's header is consumed only with its payload: when a read fails with a
 *       timeout, the next call starts that frame again and loses nothing.</li>
 * </ul>
 *
 * <p>Not thread-safe: one reader thread owns it. Blocks in the channel's read. A payload handed out is
 * a view into the reader's buffer, <b>valid until the next call</b> to this reader.
 */
public final class FrameReader {

    /** The buffer's first capacity; it doubles from here while a frame needs more. */
    public static final int INITIAL_CAPACITY = 16 * 1024;

    /** Where readers that drop their buffer while idle keep it for the next reader that wakes. */
    private static final BufferPool READ_BUFFERS = BufferPool.of(INITIAL_CAPACITY);

    private final ReadableByteChannel channel;
    private final int maxFrameBytes;
    private final boolean direct;
    private final boolean releaseWhenIdle;
    private final MemoryBudget budget;
    /** Bytes of the buffer beyond its first capacity, taken from the budget. */
    private long taken;
    private final ByteBuffer wake = ByteBuffer.allocate(Frames.HEADER_BYTES);
    /** Kept in read mode: position to limit are the unread bytes. {@code null} while idle. */
    private ByteBuffer buffer;
    /** The last read left room in the buffer: the channel had nothing more ready then. */
    private boolean drained = true;

    private FrameReader(ReadableByteChannel channel, int maxFrameBytes, boolean direct, boolean releaseWhenIdle,
                        MemoryBudget budget) {
        this.budget = budget;
        if (maxFrameBytes < 0 || maxFrameBytes > Integer.MAX_VALUE - Frames.HEADER_BYTES) {
            throw new IllegalArgumentException("maxFrameBytes must be within 0 and 2 GiB - 4, got " + maxFrameBytes);
        }
        this.channel = channel;
        this.maxFrameBytes = maxFrameBytes;
        this.direct = direct;
        this.releaseWhenIdle = releaseWhenIdle;
    }

    /** A reader on a heap buffer that keeps its buffer between frames (a link, a client). */
    public static FrameReader of(ReadableByteChannel channel, int maxFrameBytes) {
        return new FrameReader(channel, maxFrameBytes, false, false, MemoryBudget.UNLIMITED);
    }

    /** A reader on a direct buffer that keeps it between frames: file chunks reach their consumer with no copy. */
    public static FrameReader direct(ReadableByteChannel channel, int maxFrameBytes) {
        return new FrameReader(channel, maxFrameBytes, true, false, MemoryBudget.UNLIMITED);
    }

    /** A reader on a heap buffer that drops it whenever the connection goes idle (a server's many connections). */
    public static FrameReader releasingWhenIdle(ReadableByteChannel channel, int maxFrameBytes) {
        return releasingWhenIdle(channel, maxFrameBytes, MemoryBudget.UNLIMITED);
    }

    /**
     * As {@link #releasingWhenIdle(ReadableByteChannel, int)}, growing past {@link #INITIAL_CAPACITY} only
     * with what {@code budget} grants (the server's budget for all its connections' reads). Call
     * {@link #close()} when the reader is done, to give it back.
     */
    public static FrameReader releasingWhenIdle(ReadableByteChannel channel, int maxFrameBytes, MemoryBudget budget) {
        return new FrameReader(channel, maxFrameBytes, false, true, budget);
    }

    /** Gives back what the reader took from its budget, and drops its buffer. The channel stays as it is. */
    public void close() {
        if (buffer != null && releaseWhenIdle) {
            READ_BUFFERS.give(buffer);
        }
        buffer = null;
        giveBack();
    }

    private void giveBack() {
        if (taken > 0) {
            budget.release(taken);
            taken = 0;
        }
    }

    /**
     * The next frame's payload, from the returned buffer's position to its limit; valid until the next
     * call to this reader.
     *
     * @return {@code null} when the stream ended cleanly between two frames
     * @throws FrameTooLongException   for a length over the limit, from the header alone
     * @throws TruncatedFrameException when the stream ended inside a header or a payload
     * @throws IOException             when the channel fails (a timeout leaves the frame to be read again)
     */
    public ByteBuffer next() throws IOException {
        if (!fill(Frames.HEADER_BYTES, true)) {
            return null;
        }
        int at = buffer.position();
        long length = Integer.toUnsignedLong(buffer.getInt(at));
        if (length > maxFrameBytes) {
            throw new FrameTooLongException(length, maxFrameBytes);
        }
        int size = (int) length;
        fill(Frames.HEADER_BYTES + size, false);
        at = buffer.position(); // the buffer may have moved or grown
        ByteBuffer payload = buffer.slice(at + Frames.HEADER_BYTES, size);
        buffer.position(at + Frames.HEADER_BYTES + size);
        return payload;
    }

    /**
     * True when {@link #next} starts with a read of the channel while holding no buffer: a reader made
     * with {@link #releasingWhenIdle} that handed out everything it read, and whose last read drained the
     * channel. A read that fails then loses nothing, and the reader may be resumed on another thread.
     */
    public boolean idle() {
        return releaseWhenIdle && (buffer == null || (!buffer.hasRemaining() && drained));
    }

    /**
     * Hands over the bytes read past the last frame handed out, and forgets them: whoever takes the
     * stream over reads these first. Valid until the next call to this reader.
     */
    public ByteBuffer takeReadAhead() {
        if (buffer == null) {
            return ByteBuffer.allocate(0);
        }
        ByteBuffer ahead = buffer.slice();
        buffer.position(buffer.limit());
        return ahead;
    }

    /** The buffer's capacity now, 0 when it holds none: for tests of the memory properties. */
    int capacity() {
        return buffer == null ? 0 : buffer.capacity();
    }

    /**
     * Makes at least {@code n} unread bytes available from the buffer's position (which is the frame's start).
     *
     * @return false when the stream ended before any byte of them, if {@code header}
     */
    private boolean fill(int n, boolean header) throws IOException {
        if (buffer != null && buffer.remaining() >= n) {
            return true;
        }
        if (buffer == null || !buffer.hasRemaining()) {
            if (buffer == null && !releaseWhenIdle) {
                buffer = allocate(INITIAL_CAPACITY).flip();
            } else if (releaseWhenIdle && (buffer == null || drained)) {
                if (buffer != null) {
                    READ_BUFFERS.give(buffer); // for the next reader that wakes: the payloads handed out are done with
                }
                buffer = null; // idle: hold no buffer while waiting for the next frame
                giveBack();
                wake.clear();
                if (channel.read(wake) < 0) {
                    return false;
                }
                buffer = (direct ? ByteBuffer.allocateDirect(INITIAL_CAPACITY) : READ_BUFFERS.take()).put(wake.flip()).flip();
            }
        }
        buffer.compact();
        try {
            while (buffer.position() < n) {
                if (!buffer.hasRemaining()) {
                    grow(n);
                }
                if (channel.read(buffer) < 0) {
                    int got = buffer.position();
                    if (header && got == 0) {
                        return false;
                    }
                    throw got < Frames.HEADER_BYTES
                            ? new TruncatedFrameException(true, got, Frames.HEADER_BYTES)
                            : new TruncatedFrameException(false, got - Frames.HEADER_BYTES, n - Frames.HEADER_BYTES);
                }
                drained = buffer.hasRemaining();
            }
            return true;
        } finally {
            buffer.flip();
        }
    }

    /**
     * Doubles the full buffer (in write mode), up to the {@code n} bytes the frame needs, with the extra
     * bytes taken from the budget first.
     */
    private void grow(int n) throws MemoryBudgetException {
        int capacity = (int) Math.min((long) buffer.capacity() * 2, n);
        long extra = capacity - buffer.capacity();
        if (!budget.reserve(extra)) {
            throw new MemoryBudgetException(extra);
        }
        taken += extra;
        ByteBuffer bigger = allocate(capacity);
        bigger.put(buffer.flip());
        buffer = bigger;
    }

    private ByteBuffer allocate(int capacity) {
        return direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
    }
}
