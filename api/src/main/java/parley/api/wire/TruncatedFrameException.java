package parley.api.wire;

import java.io.EOFException;

/**
 * The stream ended inside a frame: in its 4-byte header ({@link #inHeader()}) or in its payload. A clean
 * end between two frames is not this: {@link FrameReader#next()} then returns {@code null}.
 */
public final class TruncatedFrameException extends EOFException {

    private static final long serialVersionUID = 1L;

    private final boolean inHeader;

    public TruncatedFrameException(boolean inHeader, int received, long expected) {
        super("the connection closed in the middle of a frame (" + (inHeader ? "header" : "payload") + ": "
                + received + " of " + expected + " bytes)");
        this.inHeader = inHeader;
    }

    /** True when it ended inside the header, false inside the payload. */
    public boolean inHeader() {
        return inHeader;
    }
}
