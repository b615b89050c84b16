package parley.api;

/**
 * Told when a session logs in, before its answer goes out, so that it can fill the answer in: the
 * LOGIN answer is {@code DISPLAY_ROOM}, and the rooms plugin adds the rooms to it. Added with
 * {@link ServerContext#onLogin}.
 *
 * <p><b>Threading.</b> Called on the session's reader thread, in the order the listeners were added,
 * right after the pseudo became the session's. Must not block on other clients. <b>Failure.</b> A
 * listener that throws is logged; the login stands and the others still run.
 */
@FunctionalInterface
public interface LoginListener {

    /**
     * @param session the session, now logged in
     * @param answer  the {@code DISPLAY_ROOM} answer, not yet sent: add fields, do not send it
     */
    void loggedIn(Session session, Message answer);
}
