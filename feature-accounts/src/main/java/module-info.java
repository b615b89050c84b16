/**
 * Accounts: a logged-in user registers its pseudo with a password ({@code REGISTER}); from then on
 * LOGIN of that pseudo needs the password (an {@link parley.api.Authenticator}). {@code PASSWORD}
 * changes it, a server operator resets it ({@code RESET_PASSWORD}). Passwords are kept as salted
 * PBKDF2-HMAC-SHA256 hashes (the JDK's) in an embedded H2 database under {@code data-dir}, computed on a
 * small pool of platform threads; failed logins are delayed per account and per IP.
 *
 * <p>A plugin folder in {@code plugins/}: this jar and H2's. Depends on the kernel only.
 */
module parley.accounts {
    requires parley.api;
    requires java.sql;
    requires com.h2database; // resolved into the plugin's layer; used through JDBC only

    uses java.sql.Driver;

    provides parley.api.spi.ServerFeature with parley.accounts.AccountsFeature;
    provides parley.api.spi.PluginInfo with parley.accounts.AccountsPluginInfo;
    provides parley.api.spi.ClientExtension with parley.accounts.AccountsClient;
}
