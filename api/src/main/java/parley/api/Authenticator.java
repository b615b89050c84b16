package parley.api;

/**
 * Decides whether a LOGIN may have its pseudo: passwords, bans, reserved names. Added with
 * {@link ServerContext#addAuthenticator}.
 *
 * <p>The kernel owns LOGIN: it checks the pseudo's format, asks the authenticators in the order they
 * were added (the first that does not pass decides), then makes the pseudo the session's if no
 * connected session holds it. With no authenticator, or when all pass, a well-formed free pseudo is
 * accepted, as the protocol's notes say (first come).
 *
 * <p><b>Threading.</b> Called on the sender's reader thread during LOGIN. It may block briefly (a
 * password hash, a database read) but never on another client. <b>Failure.</b> An authenticator that
 * throws is logged and the LOGIN gets KO "internal error": it fails closed.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * @param session the session logging in, not yet logged in
     * @param pseudo  the pseudo it asks for, well formed
     * @param login   the whole LOGIN message (a password field, say)
     */
    Decision authenticate(Session session, String pseudo, Message login);

    /**
     * An authenticator's answer.
     *
     * @param accepted true to accept (and stop asking), false to refuse or pass
     * @param reason   the KO reason when refused; {@code null} for accept and pass
     */
    record Decision(boolean accepted, String reason) {

        private static final Decision ACCEPT = new Decision(true, null);
        private static final Decision PASS = new Decision(false, null);

        public static Decision accept() {
            return ACCEPT;
        }

        /** No opinion: the next authenticator decides. */
        public static Decision pass() {
            return PASS;
        }

        public static Decision refuse(String reason) {
            return new Decision(false, java.util.Objects.requireNonNull(reason, "reason"));
        }

        public boolean refused() {
            return !accepted && reason != null;
        }
    }
}
