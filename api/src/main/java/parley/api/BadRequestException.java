package parley.api;

/**
 * Thrown by a command when a request is malformed (a field missing or of the wrong kind). The
 * dispatcher answers the sender with an ERROR carrying this message; the connection stays open.
 */
public final class BadRequestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String reason) {
        super(reason, null, false, false);
    }
}
