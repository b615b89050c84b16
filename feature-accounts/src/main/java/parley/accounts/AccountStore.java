package parley.accounts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The accounts in an embedded H2 database, {@code <data-dir>/accounts/accounts.mv.db}: one row per
 * registered pseudo, keyed by its normal form, with its hash's algorithm, cost, salt and value.
 *
 * <p>Its own file, not the history's: each plugin layer loads its own copy of H2, and two H2 engines in
 * one process cannot open one file at once (the second finds it locked).
 *
 * <p>Thread-safe: one connection, in auto-commit, used under this object's lock; each call is one short
 * statement, so readers wait for one another only briefly.
 */
final class AccountStore implements AutoCloseable {

    private final Path file;
    private final Connection connection;

    private AccountStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens (or creates) the database under {@code dataDir}.
     *
     * @throws IllegalStateException naming the file and the fix when it cannot be opened
     */
    static AccountStore open(Path dataDir) {
        Path dir = dataDir.resolve("accounts").toAbsolutePath();
        Path file = dir.resolve("accounts.mv.db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the accounts folder " + dir + " (" + e.getMessage()
                    + "): check the permissions of data-dir, or set data-dir to a writable folder", e);
        }
        String url = "jdbc:h2:file:" + dir.resolve("accounts") + ";DB_CLOSE_ON_EXIT=FALSE";
        Connection connection = null;
        try {
            connection = connect(url);
            try (Statement s = connection.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS accounts (pseudo_key VARCHAR(256) PRIMARY KEY,"
                        + " pseudo VARCHAR(64) NOT NULL, algorithm VARCHAR(32) NOT NULL, iterations INT NOT NULL,"
                        + " salt VARBINARY(64) NOT NULL, hash VARBINARY(128) NOT NULL, expires BIGINT,"
                        + " changed BIGINT NOT NULL)");
            }
            return new AccountStore(file, connection);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new IllegalStateException("cannot open the accounts database " + file + ": " + e.getMessage()
                    + " (if another server uses this data-dir, stop it or give this one another data-dir)", e);
        }
    }

    /** The account of this normal form, if registered. */
    synchronized Optional<Account> find(String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT pseudo, algorithm, iterations, salt, hash, expires FROM accounts WHERE pseudo_key = ?")) {
            query.setString(1, key);
            try (ResultSet rs = query.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long millis = rs.getLong(6);
                Instant expires = rs.wasNull() ? null : Instant.ofEpochMilli(millis);
                return Optional.of(new Account(key, rs.getString(1),
                        new PasswordHash(rs.getString(2), rs.getInt(3), rs.getBytes(4), rs.getBytes(5)), expires));
            }
        }
    }

    /** Registers a new account; false when its key is already registered (nothing changes then). */
    synchronized boolean insert(Account account) throws SQLException {
        if (find(account.key()).isPresent()) {
            return false;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts (pseudo_key, pseudo,"
                + " algorithm, iterations, salt, hash, expires, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, account.key());
            insert.setString(2, account.pseudo());
            bind(insert, 3, account);
            insert.executeUpdate();
            return true;
        }
    }

    /**
     * Replaces the password of the account {@code key}, with its expiry ({@code null}: chosen by its owner).
     *
     * @return false when no such account exists
     */
    synchronized boolean update(String key, PasswordHash password, Instant expires) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET algorithm = ?,"
                + " iterations = ?, salt = ?, hash = ?, expires = ?, changed = ? WHERE pseudo_key = ?")) {
            bind(update, 1, new Account(key, "", password, expires));
            update.setString(7, key);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Replaces the hash {@code old} of the account {@code key} by {@code better} (the same password at a
     * higher cost), unless the password changed meanwhile.
     *
     * @return true when replaced
     */
    synchronized boolean upgrade(String key, PasswordHash old, PasswordHash better) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE accounts SET algorithm = ?,"
                + " iterations = ?, salt = ?, hash = ?, expires = ?, changed = ? WHERE pseudo_key = ? AND hash = ?")) {
            bind(update, 1, new Account(key, "", better, null));
            update.setString(7, key);
            update.setBytes(8, old.hash());
            return update.executeUpdate() == 1;
        }
    }

    /** Sets the hash fields of {@code account} from parameter {@code first} on (six parameters). */
    private static void bind(PreparedStatement statement, int first, Account account) throws SQLException {
        PasswordHash hash = account.password();
        statement.setString(first, hash.algorithm());
        statement.setInt(first + 1, hash.iterations());
        statement.setBytes(first + 2, hash.salt());
        statement.setBytes(first + 3, hash.hash());
        if (account.expires() == null) {
            statement.setNull(first + 4, Types.BIGINT);
        } else {
            statement.setLong(first + 4, account.expires().toEpochMilli());
        }
        statement.setLong(first + 5, System.currentTimeMillis());
    }

    /** The database file, for messages. */
    Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        closeQuietly(connection);
    }

    /**
     * A connection from the JDBC driver that accepts {@code url}, found with ServiceLoader in this
     * plugin's own layer (H2 sits in the plugin's folder), so the code names no driver class.
     */
    private static Connection connect(String url) throws SQLException {
        ModuleLayer layer = AccountStore.class.getModule().getLayer();
        ServiceLoader<Driver> drivers = layer == null ? ServiceLoader.load(Driver.class, AccountStore.class.getClassLoader())
                : ServiceLoader.load(layer, Driver.class);
        for (Driver driver : drivers) {
            if (driver.acceptsURL(url)) {
                Connection connection = driver.connect(url, new Properties());
                if (connection != null) {
                    return connection;
                }
            }
        }
        throw new SQLException("no JDBC driver accepts " + url + ": the H2 jar (h2.jar) must sit next to"
                + " parley-feature-accounts.jar in its plugins/ folder");
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing: nothing more to do
            }
        }
    }
}
