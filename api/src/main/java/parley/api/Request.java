package parley.api;

import java.util.Objects;

/**
 * One incoming message being handled by a {@link parley.api.spi.Command}, with the helpers to answer it.
 *
 * <p>Every answer made through {@link #reply} carries the request's {@code seq}, if it had one; the
 * message given to {@code reply} is left as it was. Answer at most once per request with OK, KO,
 * ERROR or a reply of the command's own type; pushes to other sessions go through their own
 * {@link Session#send}. Used on the session's reader thread only.
 */
public final class Request {

    private final Session session;
    private final Message message;
    private final ServerContext server;
    private final int wireBytes;

    public Request(Session session, Message message, ServerContext server) {
        this(session, message, server, 0);
    }

    /** A request that took {@code wireBytes} on the wire (0 when the transport did not say). */
    public Request(Session session, Message message, ServerContext server, int wireBytes) {
        this.session = Objects.requireNonNull(session);
        this.message = Objects.requireNonNull(message);
        this.server = Objects.requireNonNull(server);
        if (wireBytes < 0) {
            throw new IllegalArgumentException("wireBytes must not be negative, got " + wireBytes);
        }
        this.wireBytes = wireBytes;
    }

    /**
     * The request's size on the wire: its frame's payload or its line, in bytes; 0 when its transport
     * does not report sizes. For byte budgets.
     */
    public int wireBytes() {
        return wireBytes;
    }

    public Session session() {
        return session;
    }

    public Message message() {
        return message;
    }

    /** The handling plugin's context. */
    public ServerContext server() {
        return server;
    }

    /**
     * A required string field.
     *
     * @throws BadRequestException naming the field and the expected form, so the sender gets ERROR
     */
    public String require(String field) {
        String value = message.text(field);
        if (value == null) {
            throw new BadRequestException(message.type() + " needs a string field \"" + field + "\""
                    + (message.has(field) ? ", got " + message.get(field) : ""));
        }
        return value;
    }

    /** Sends {@code reply} to the requester, tagged with the request's {@code seq} (on a copy, if it has one). */
    public void reply(Message reply) {
        session.send(message.seq() == null ? reply : reply.copy().replyTo(message));
    }

    public void ok() {
        reply(Message.of(Verbs.OK));
    }

    /** Refuses the request: the sender gets KO with the reason. */
    public void ko(String reason) {
        reply(Message.of(Verbs.KO).put("reason", reason));
    }

    /** Reports a malformed or failed request: the sender gets ERROR with the reason. */
    public void error(String reason) {
        reply(Message.of(Verbs.ERROR).put("reason", reason));
    }
}
