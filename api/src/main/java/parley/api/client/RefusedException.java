package parley.api.client;

import parley.api.Message;

/** The server answered a request with KO or ERROR (or something unexpected). */
public final class RefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Message reply;

    public RefusedException(String request, Message reply) {
        super(request + " refused: " + reply.type()
                + (reply.text("reason") != null ? " " + reply.text("reason") : " " + reply));
        this.reply = reply;
    }

    /** The server's answer. */
    public Message reply() {
        return reply;
    }

    /** The reason the server gave, or the answer's type. */
    public String reason() {
        String reason = reply.text("reason");
        return reason != null ? reason : reply.type();
    }
}
