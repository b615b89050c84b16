package parley.api.wire;

import java.io.IOException;

/**
 * A frame header announced a payload over the reader's limit. Thrown from the header alone: nothing of
 * the payload was read, and the stream cannot be trusted after it. Each reader's owner words its own
 * answer from {@link #length()} and {@link #limit()} (the server: ERROR then close).
 */
public final class FrameTooLongException extends IOException {

    private static final long serialVersionUID = 1L;

    private final long length;
    private final int limit;

    public FrameTooLongException(long length, int limit) {
        super("a frame of " + length + " bytes is over the limit of " + limit + " bytes (max-frame-bytes)");
        this.length = length;
        this.limit = limit;
    }

    /** The payload length the header announced. */
    public long length() {
        return length;
    }

    /** The largest payload the reader accepts. */
    public int limit() {
        return limit;
    }
}
