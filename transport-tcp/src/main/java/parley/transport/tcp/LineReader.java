package parley.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

import parley.api.wire.MemoryBudget;
import parley.api.wire.MemoryBudgetException;

/**
 * Reads legacy lines ({@code \n}-terminated) from a blocking channel. The buffer exists only while bytes
 * flow: when everything read has been handed out and the last read drained the channel, it is dropped
 * and the reader waits on a small read. It grows (doubling from 16 KiB) only while a line needs it, up
 * to the limit. Not thread-safe: the reader thread owns it. A line is valid until the next call.
 */
final class LineReader {

    static final int INITIAL_CAPACITY = 16 * 1024;

    private final ReadableByteChannel channel;
    private final int maxLine;
    private final ByteBuffer wake = ByteBuffer.allocate(64);
    private final MemoryBudget budget;
    /** Bytes of the buffer beyond its first capacity, taken from the budget. */
    private long taken;
    /** Read mode: position to limit are the unread bytes. {@code null} while idle. */
    private ByteBuffer buffer;
    private int scanned;
    private boolean drained = true;

    LineReader(ReadableByteChannel channel, int maxLine) {
        this(channel, maxLine, MemoryBudget.UNLIMITED);
    }

    /** A reader that grows past {@link #INITIAL_CAPACITY} only with what {@code budget} grants; {@link #close()} gives it back. */
    LineReader(ReadableByteChannel channel, int maxLine, MemoryBudget budget) {
        this.budget = budget;
        this.channel = channel;
        this.maxLine = maxLine;
    }

    /** No end of line within the limit: the stream cannot be trusted after it. */
    static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong() {
            super("line over the limit");
        }
    }

    /**
     * The next line, without its {@code \n}, from the buffer's position to its limit (a heap buffer).
     *
     * @return {@code null} when the stream ended cleanly between two lines
     * @throws TooLong      when {@code maxLine} bytes arrived with no end of line
     * @throws EOFException when the stream ended inside a line
     */
    ByteBuffer next() throws IOException {
        while (true) {
            if (buffer != null) {
                int start = buffer.position();
                int have = buffer.remaining();
                for (int i = scanned; i < have; i++) {
                    if (buffer.get(start + i) == '\n') {
                        scanned = 0;
                        buffer.position(start + i + 1);
                        return buffer.slice(start, i);
                    }
                }
                scanned = have;
                if (have > maxLine) {
                    throw new TooLong();
                }
            }
            if (!more()) {
                return null;
            }
        }
    }

    /**
     * True when the next line starts with a read of the channel while holding no buffer: everything read
     * was handed out and the last read drained the channel. A read that fails then loses nothing.
     */
    boolean idle() {
        return buffer == null || (!buffer.hasRemaining() && drained);
    }

    /** Reads more onto what is unread; false at the end of the stream when nothing was unread. */
    private boolean more() throws IOException {
        if (buffer == null || (!buffer.hasRemaining() && drained)) {
            buffer = null; // idle: hold no buffer while waiting
            giveBack();
            scanned = 0;
            wake.clear();
            if (channel.read(wake) < 0) {
                return false;
            }
            buffer = ByteBuffer.allocate(INITIAL_CAPACITY).put(wake.flip()).flip();
            return true;
        }
        int had = buffer.remaining();
        buffer.compact();
        try {
            if (!buffer.hasRemaining()) {
                int capacity = buffer.capacity();
                int grown = Math.max(capacity + 1, (int) Math.min(2L * capacity, maxLine + 1L));
                if (!budget.reserve(grown - capacity)) {
                    throw new MemoryBudgetException(grown - capacity);
                }
                taken += grown - capacity;
                ByteBuffer bigger = ByteBuffer.allocate(grown);
                buffer = bigger.put(buffer.flip());
            }
            if (channel.read(buffer) < 0) {
                if (had == 0) {
                    return false;
                }
                throw new EOFException("connection closed in the middle of a message");
            }
            drained = buffer.hasRemaining();
            return true;
        } finally {
            buffer.flip();
        }
    }

    /** Gives back what the reader took from its budget, and drops its buffer. */
    void close() {
        buffer = null;
        giveBack();
    }

    private void giveBack() {
        if (taken > 0) {
            budget.release(taken);
            taken = 0;
        }
    }
}
