package parley.api;

import parley.api.spi.Command;

/**
 * Sees every request before its handler, and may let it through, refuse it with a KO, or close the
 * connection: a flood limiter, a ban list, moderation. Added with {@link ServerContext#addFilter}.
 *
 * <p>Filters run in ascending {@link #order()}; among equal orders, in the order they were added.
 * The kernel's own check, "log in first", is a filter of order {@value #LOGIN_ORDER}: a filter with a
 * lower order sees requests from sessions that have not logged in.
 *
 * <p><b>Threading.</b> Called on the sender's reader thread, before the handler, for every request of
 * every session, so it must be fast and must not block on other clients. <b>Failure.</b> A filter that
 * throws is logged with its plugin's name and the request is refused with ERROR "internal error": a
 * broken filter fails closed.
 */
@FunctionalInterface
public interface RequestFilter {

    /** The order of the kernel's login check. */
    int LOGIN_ORDER = 0;

    /**
     * Decides about one request.
     *
     * @param request the request, not yet handled; do not answer it here, return a verdict
     * @param handler the command that will handle it if every filter passes it
     */
    Verdict check(Request request, Command handler);

    /**
     * Decides about one binary frame (a file chunk) before its stream's sink sees it. Binary frames are
     * not requests: they count against byte budgets, not request budgets.
     *
     * <p><b>Threading.</b> Called on the sender's reader thread. Unlike {@link #check}, it may block that
     * thread to pace the sender (the connection is then not read, and TCP pushes back on the sender),
     * but never on other clients. <b>Verdicts.</b> PASS hands the frame on; DENY drops it, closes the
     * stream and sends ERROR with the reason (the rest of a file cannot be trusted without it); CLOSE
     * sends ERROR and closes the connection. A filter that throws fails closed as DENY does.
     *
     * @param session the sender
     * @param tag     the stream's tag
     * @param bytes   the frame's data length
     */
    default Verdict checkBinary(Session session, String tag, int bytes) {
        return Verdict.pass();
    }

    /** Where this filter runs among the others; lower first. */
    default int order() {
        return 100;
    }
}
