package parley.api;

/**
 * Told how a dropped session's resume window ends, so that a plugin can keep what the session had
 * while its user comes back (the rooms plugin keeps its memberships: nobody sees it leave and join).
 * Added with {@link ServerContext#onResume}.
 *
 * <p><b>The lifecycle.</b> A session that logged in over the framed form gets a resume token in its
 * LOGIN answer. When its connection drops (the peer closed it, the network failed, its queue overflowed,
 * the keepalive found it silent for {@code idle-timeout}) rather than being closed on purpose (BYE,
 * {@link Session#close} by the kernel or a plugin, the server stopping), the session is
 * {@link Session#resumable()}: the {@link SessionListener}s are told of the close as always, and may
 * read that flag to keep its state instead of dropping it. Its pseudo is free again at once, as for any
 * close. Then exactly one of these methods is called for that session, once, and never before every
 * {@link SessionListener} has returned from its close:
 * <ul>
 *   <li>{@link #resumed}: a new session logged in with the token within {@code resume-window};</li>
 *   <li>{@link #ended}: the window passed, another session took the pseudo with a plain LOGIN, or the
 *       resume failed late; do now what a close would have done.</li>
 * </ul>
 * When the server stops, parked sessions are dropped with the plugins: no method is called.
 *
 * <p><b>Threading.</b> {@link #resumed} runs on the new session's reader thread during its LOGIN,
 * before the answer goes out; {@link #ended} runs on the thread that ended the window (the timer thread
 * for an expiry, the reader thread of the LOGIN that took the pseudo, before that LOGIN's answer). Both
 * may take a room's lock but must not block on other clients or do I/O. <b>Failure.</b> A listener that
 * throws is logged; the others still run and the resume or the end stands.
 */
public interface ResumeListener {

    /**
     * {@code after} resumed {@code before}: same pseudo, same {@link Session#authenticated()}; move what
     * {@code before} had to {@code after}.
     *
     * @param before the dropped session, closed
     * @param after  the session that logged in with its token, now logged in
     * @param answer the {@code DISPLAY_ROOM} answer, not yet sent: add fields, do not send it
     */
    default void resumed(Session before, Session after, Message answer) {
    }

    /**
     * {@code before}'s window ended unused: forget it as a close would.
     *
     * @param before the dropped session, closed
     * @param pseudo the pseudo it held
     * @param reason why, for logs and pushes (e.g. "connection lost, not back within 2m")
     */
    default void ended(Session before, String pseudo, String reason) {
    }
}
