package parley.accounts;

/**
 * What this plugin knows of a session's claim to its pseudo's account, kept per session: set when the
 * session proved the password at LOGIN, created the account, or registered it, and read by
 * {@code PASSWORD}, the login answer and the temporary-password filter. Compared with the session's
 * pseudo by {@code key}, so a proof left by a LOGIN the kernel then refused (the pseudo was taken)
 * proves nothing for another pseudo.
 *
 * @param key  the account's normal form
 * @param kind how the session came to hold it
 */
record Proof(String key, Kind kind) {

    /** How a session came to hold its account. */
    enum Kind {
        /** It gave the account's password at LOGIN. */
        PASSWORD,
        /** It gave an operator's temporary password at LOGIN: it must choose its own with PASSWORD. */
        TEMPORARY,
        /** Its LOGIN created the account ({@code accounts.required}). */
        CREATED,
        /** It registered its pseudo with REGISTER. */
        REGISTERED
    }
}
