package parley.accounts;

import java.time.Instant;

/**
 * A registered pseudo.
 *
 * @param key       the pseudo's normal form ({@link parley.api.Names#key}): what makes two spellings one account
 * @param pseudo    the pseudo as it was registered
 * @param password  its hash
 * @param expires   when a temporary password (from RESET_PASSWORD) stops working; {@code null} for a
 *                  password its owner chose
 */
record Account(String key, String pseudo, PasswordHash password, Instant expires) {

    /** True when the password was set by an operator's reset and must be changed. */
    boolean temporary() {
        return expires != null;
    }
}
