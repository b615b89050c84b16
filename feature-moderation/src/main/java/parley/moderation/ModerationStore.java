package parley.moderation;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Bans, mutes, room operators, topics and access lists in an embedded H2 database
 * ({@code <data-dir>/moderation/moderation.mv.db}), one connection, each change committed at once.
 * Thread-safe: every method holds the connection's monitor (changes are rare: operators' actions).
 */
final class ModerationStore implements AutoCloseable {

    private final Path file;
    private final Connection db;

    private ModerationStore(Path file, Connection db) {
        this.file = file;
        this.db = db;
    }

    /** Everything kept, as read at start. */
    record Snapshot(List<Ban> bans, List<Mute> mutes, Map<String, Map<String, String>> operators,
                    Map<String, Topic> topics, Map<String, Access> access) {
    }

    /**
     * Opens (or creates) the database under {@code dataDir}.
     *
     * @throws IllegalStateException naming the file and the fix when it cannot be opened
     */
    static ModerationStore open(Path dataDir) {
        Path dir = dataDir.resolve("moderation").toAbsolutePath();
        Path file = dir.resolve("moderation.mv.db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the moderation folder " + dir + " (" + e.getMessage()
                    + "): check the permissions of data-dir, or set data-dir to a writable folder", e);
        }
        String url = "jdbc:h2:file:" + dir.resolve("moderation") + ";DB_CLOSE_ON_EXIT=FALSE";
        Connection db = null;
        try {
            db = connect(url);
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS bans (room VARCHAR(64) NOT NULL, ip BOOLEAN NOT NULL,"
                        + " target_key VARCHAR(256) NOT NULL, target VARCHAR(256) NOT NULL, by_pseudo VARCHAR(128) NOT NULL,"
                        + " reason VARCHAR(2000) NOT NULL, ends BIGINT, PRIMARY KEY (room, ip, target_key))");
                s.execute("CREATE TABLE IF NOT EXISTS mutes (room VARCHAR(64) NOT NULL, pseudo_key VARCHAR(256) NOT NULL,"
                        + " pseudo VARCHAR(128) NOT NULL, by_pseudo VARCHAR(128) NOT NULL, reason VARCHAR(2000) NOT NULL,"
                        + " ends BIGINT, PRIMARY KEY (room, pseudo_key))");
                s.execute("CREATE TABLE IF NOT EXISTS room_operators (room VARCHAR(64) NOT NULL,"
                        + " pseudo_key VARCHAR(256) NOT NULL, pseudo VARCHAR(128) NOT NULL, PRIMARY KEY (room, pseudo_key))");
                s.execute("CREATE TABLE IF NOT EXISTS topics (room VARCHAR(64) PRIMARY KEY, topic VARCHAR(40000) NOT NULL,"
                        + " by_pseudo VARCHAR(128) NOT NULL, set_at BIGINT NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS access (room VARCHAR(64) PRIMARY KEY, mode VARCHAR(16) NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS access_members (room VARCHAR(64) NOT NULL,"
                        + " pseudo_key VARCHAR(256) NOT NULL, pseudo VARCHAR(128) NOT NULL, PRIMARY KEY (room, pseudo_key))");
            }
            return new ModerationStore(file, db);
        } catch (SQLException e) {
            closeQuietly(db);
            throw new IllegalStateException("cannot open the moderation database " + file + ": " + e.getMessage()
                    + " (if another server uses this data-dir, stop it or give this one another data-dir)", e);
        }
    }

    /** Reads everything. */
    synchronized Snapshot load() throws SQLException {
        List<Ban> bans = new ArrayList<>();
        List<Mute> mutes = new ArrayList<>();
        Map<String, Map<String, String>> operators = new LinkedHashMap<>();
        Map<String, Topic> topics = new LinkedHashMap<>();
        Map<String, Access> access = new LinkedHashMap<>();
        try (Statement s = db.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT room, ip, target_key, target, by_pseudo, reason, ends FROM bans")) {
                while (rs.next()) {
                    bans.add(new Ban(rs.getString(1), Target.stored(rs.getBoolean(2), rs.getString(3), rs.getString(4)),
                            rs.getString(5), rs.getString(6), Term.ofMillis(rs.getObject(7, Long.class))));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT room, pseudo_key, pseudo, by_pseudo, reason, ends FROM mutes")) {
                while (rs.next()) {
                    mutes.add(new Mute(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Term.ofMillis(rs.getObject(6, Long.class))));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT room, pseudo_key, pseudo FROM room_operators")) {
                while (rs.next()) {
                    operators.computeIfAbsent(rs.getString(1), r -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT room, topic, by_pseudo, set_at FROM topics")) {
                while (rs.next()) {
                    topics.put(rs.getString(1), new Topic(rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
                }
            }
            Map<String, Map<String, String>> members = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery("SELECT room, pseudo_key, pseudo FROM access_members")) {
                while (rs.next()) {
                    members.computeIfAbsent(rs.getString(1), r -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT room, mode FROM access")) {
                while (rs.next()) {
                    access.put(rs.getString(1), new Access(Access.Mode.parse(rs.getString(2)),
                            members.getOrDefault(rs.getString(1), Map.of())));
                }
            }
        }
        return new Snapshot(bans, mutes, operators, topics, access);
    }

    synchronized void saveBan(Ban ban) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("MERGE INTO bans (room, ip, target_key, target, by_pseudo, reason, ends)"
                + " KEY (room, ip, target_key) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            p.setString(1, ban.room());
            p.setBoolean(2, ban.target().ip());
            p.setString(3, ban.target().key());
            p.setString(4, ban.target().text());
            p.setString(5, ban.by());
            p.setString(6, ban.reason());
            setEnd(p, 7, ban.term());
            p.executeUpdate();
        }
    }

    synchronized void deleteBan(String room, Target target) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("DELETE FROM bans WHERE room = ? AND ip = ? AND target_key = ?")) {
            p.setString(1, room);
            p.setBoolean(2, target.ip());
            p.setString(3, target.key());
            p.executeUpdate();
        }
    }

    synchronized void saveMute(Mute mute) throws SQLException {
        try (PreparedStatement p = db.prepareStatement("MERGE INTO mutes (room, pseudo_key, pseudo, by_pseudo, reason, ends)"
                + " KEY (room, pseudo_key) VALUES (?, ?, ?, ?, ?, ?)")) {
            p.setString(1, mute.room());
            p.setString(2, mute.key());
            p.setString(3, mute.pseudo());
            p.setString(4, mute.by());
            p.setString(5, mute.reason());
            setEnd(p, 6, mute.term());
            p.executeUpdate();
        }
    }

    synchronized void deleteMute(String room, String key) throws SQLException {
        delete("DELETE FROM mutes WHERE room = ? AND pseudo_key = ?", room, key);
    }

    synchronized void saveOperator(String room, String key, String pseudo) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(
                "MERGE INTO room_operators (room, pseudo_key, pseudo) KEY (room, pseudo_key) VALUES (?, ?, ?)")) {
            p.setString(1, room);
            p.setString(2, key);
            p.setString(3, pseudo);
            p.executeUpdate();
        }
    }

    synchronized void deleteOperator(String room, String key) throws SQLException {
        delete("DELETE FROM room_operators WHERE room = ? AND pseudo_key = ?", room, key);
    }

    /** Saves the room's topic, or deletes it when {@code topic} is null. */
    synchronized void saveTopic(String room, Topic topic) throws SQLException {
        if (topic == null) {
            delete("DELETE FROM topics WHERE room = ?", room);
            return;
        }
        try (PreparedStatement p = db.prepareStatement(
                "MERGE INTO topics (room, topic, by_pseudo, set_at) KEY (room) VALUES (?, ?, ?, ?)")) {
            p.setString(1, room);
            p.setString(2, topic.text());
            p.setString(3, topic.by());
            p.setLong(4, topic.at().toEpochMilli());
            p.executeUpdate();
        }
    }

    /** Replaces the room's access list, in one transaction. */
    synchronized void saveAccess(String room, Access access) throws SQLException {
        db.setAutoCommit(false);
        try {
            delete("DELETE FROM access_members WHERE room = ?", room);
            delete("DELETE FROM access WHERE room = ?", room);
            if (access.mode() != Access.Mode.OPEN || !access.allowed().isEmpty()) {
                try (PreparedStatement p = db.prepareStatement("INSERT INTO access (room, mode) VALUES (?, ?)")) {
                    p.setString(1, room);
                    p.setString(2, access.mode().wire());
                    p.executeUpdate();
                }
                try (PreparedStatement p = db.prepareStatement(
                        "INSERT INTO access_members (room, pseudo_key, pseudo) VALUES (?, ?, ?)")) {
                    for (Map.Entry<String, String> e : access.allowed().entrySet()) {
                        p.setString(1, room);
                        p.setString(2, e.getKey());
                        p.setString(3, e.getValue());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    /**
     * Deletes the bans and mutes that ended by {@code now}.
     *
     * @return how many rows went
     */
    synchronized int deleteExpired(Instant now) throws SQLException {
        int gone = 0;
        for (String table : List.of("bans", "mutes")) {
            try (PreparedStatement p = db.prepareStatement("DELETE FROM " + table + " WHERE ends IS NOT NULL AND ends <= ?")) {
                p.setLong(1, now.toEpochMilli());
                gone += p.executeUpdate();
            }
        }
        return gone;
    }

    /** How many bans are kept, expired or not: for tests and figures. */
    synchronized int banCount() throws SQLException {
        try (Statement s = db.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM bans")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        closeQuietly(db);
    }

    private void delete(String sql, String... args) throws SQLException {
        try (PreparedStatement p = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                p.setString(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    private static void setEnd(PreparedStatement p, int index, Term term) throws SQLException {
        if (term.permanent()) {
            p.setNull(index, Types.BIGINT);
        } else {
            p.setLong(index, term.until().toEpochMilli());
        }
    }

    /**
     * A connection from the JDBC driver that accepts {@code url}, found with ServiceLoader in this
     * plugin's own layer (H2 sits in the plugin's folder), so the code names no driver class.
     */
    private static Connection connect(String url) throws SQLException {
        ModuleLayer layer = ModerationStore.class.getModule().getLayer();
        ServiceLoader<Driver> drivers = layer == null
                ? ServiceLoader.load(Driver.class, ModerationStore.class.getClassLoader())
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
                + " parley-feature-moderation.jar in its plugins/ folder");
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }
}
