package parley.api.client;

/** A request that could not get an answer: timed out, or the connection closed. */
public final class ClientException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClientException(String message, Throwable cause) {
        super(message, cause);
    }

    public ClientException(String message) {
        super(message);
    }
}
