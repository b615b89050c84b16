package parley.api;

/** Told when a session closes. See {@link Sessions#onClose}. */
@FunctionalInterface
public interface SessionListener {

    /**
     * Called once per closed session, on its reader thread; must not block on other clients.
     *
     * @param pseudo the pseudo it held, or {@code null} if it never logged in
     * @param reason why it closed, for logs and pushes
     */
    void closed(Session session, String pseudo, String reason);
}
