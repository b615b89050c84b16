package parley.api.wire;

/**
 * Input that breaks the wire protocol. The reason goes back to the sender in an ERROR.
 *
 * <p>{@code fatal} means the stream can no longer be trusted (an oversized length, a line with no
 * end in sight): the ERROR is sent, then the connection closes. Otherwise the connection stays open.
 */
public final class ProtocolException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean fatal;

    public ProtocolException(String reason, boolean fatal) {
        super(reason, null, false, false);
        this.fatal = fatal;
    }

    public static ProtocolException recoverable(String reason) {
        return new ProtocolException(reason, false);
    }

    public static ProtocolException fatal(String reason) {
        return new ProtocolException(reason, true);
    }

    public String reason() {
        return getMessage();
    }

    public boolean fatal() {
        return fatal;
    }
}
