package parley.api;

/** Told when a session closes. See {@link Sessions#onClose}. */
@FunctionalInterface
public interface SessionListener {

    /**
     * Called once per closed session, on its reader thread; must not block on other clients. When
     * {@link Session#resumable()} is true the connection only dropped and its user may come back within
     * {@code resume-window}: a plugin that keeps state for it waits for its {@link ResumeListener} to
     * say how the window ended.
     *
     * @param pseudo the pseudo it held, or {@code null} if it never logged in
     * @param reason why it closed, for logs and pushes
     */
    void closed(Session session, String pseudo, String reason);
}
