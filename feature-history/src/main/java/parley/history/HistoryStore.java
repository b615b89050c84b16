package parley.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The rooms' log in an embedded H2 database ({@code <data-dir>/history/history.mv.db}): one table of
 * events keyed by room and id, and each room's last id, kept apart so that retention never makes an id
 * come back. Writes come from the writer thread only ({@link #append}, {@link #retain}); reads
 * ({@link #page}) from any thread, on a connection of their own. Thread-safe.
 */
final class HistoryStore implements AutoCloseable {

    private final Path file;
    private final Connection writes;
    private final Connection reads;

    private HistoryStore(Path file, Connection writes, Connection reads) {
        this.file = file;
        this.writes = writes;
        this.reads = reads;
    }

    /**
     * Opens (or creates) the database under {@code dataDir}.
     *
     * @throws IllegalStateException naming the file and the fix when it cannot be opened
     */
    static HistoryStore open(Path dataDir) {
        Path dir = dataDir.resolve("history").toAbsolutePath();
        Path file = dir.resolve("history.mv.db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the history folder " + dir + " (" + e.getMessage()
                    + "): check the permissions of data-dir, or set data-dir to a writable folder", e);
        }
        String url = "jdbc:h2:file:" + dir.resolve("history") + ";DB_CLOSE_ON_EXIT=FALSE";
        Connection writes = null;
        try {
            writes = connect(url);
            Connection reads = connect(url);
            try (Statement s = writes.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS events (room VARCHAR(64) NOT NULL, id BIGINT NOT NULL,"
                        + " at BIGINT NOT NULL, body CHARACTER LARGE OBJECT NOT NULL, PRIMARY KEY (room, id))");
                s.execute("CREATE INDEX IF NOT EXISTS events_at ON events (at)");
                s.execute("CREATE TABLE IF NOT EXISTS rooms (room VARCHAR(64) PRIMARY KEY, last_id BIGINT NOT NULL)");
            }
            writes.setAutoCommit(false);
            return new HistoryStore(file, writes, reads);
        } catch (SQLException e) {
            closeQuietly(writes);
            throw new IllegalStateException("cannot open the history database " + file + ": " + e.getMessage()
                    + " (if another server uses this data-dir, stop it or give this one another data-dir)", e);
        }
    }

    /** Each room's last id, as logged; rooms never logged are absent. */
    Map<String, Long> lastIds() throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        synchronized (reads) {
            try (Statement s = reads.createStatement();
                 ResultSet rs = s.executeQuery("SELECT room, last_id FROM rooms")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    /** Appends the entries, in order, and moves each room's last id, in one transaction. */
    void append(List<Entry> entries) throws SQLException {
        Map<String, Long> last = new LinkedHashMap<>();
        try (PreparedStatement insert = writes.prepareStatement(
                "INSERT INTO events (room, id, at, body) VALUES (?, ?, ?, ?)");
             PreparedStatement room = writes.prepareStatement(
                     "MERGE INTO rooms (room, last_id) KEY (room) VALUES (?, GREATEST(?, COALESCE("
                             + "(SELECT last_id FROM rooms WHERE room = ?), 0)))")) {
            for (Entry entry : entries) {
                insert.setString(1, entry.room());
                insert.setLong(2, entry.id());
                insert.setLong(3, entry.millis());
                insert.setString(4, entry.json());
                insert.addBatch();
                last.merge(entry.room(), entry.id(), Math::max);
            }
            insert.executeBatch();
            for (Map.Entry<String, Long> e : last.entrySet()) {
                room.setString(1, e.getKey());
                room.setLong(2, e.getValue());
                room.setString(3, e.getKey());
                room.executeUpdate();
            }
            writes.commit();
        } catch (SQLException e) {
            writes.rollback();
            throw e;
        }
    }

    /**
     * Deletes what retention no longer keeps: each of {@code rooms}' events beyond the last
     * {@code maxPerRoom}, and, unless {@code oldestMillis} is null, every event older than it.
     *
     * @return how many events went
     */
    int retain(Map<String, Long> rooms, int maxPerRoom, Long oldestMillis) throws SQLException {
        int deleted = 0;
        try (PreparedStatement byCount = writes.prepareStatement("DELETE FROM events WHERE room = ? AND id <= ?");
             PreparedStatement byAge = writes.prepareStatement("DELETE FROM events WHERE at < ?")) {
            for (Map.Entry<String, Long> room : rooms.entrySet()) {
                long keepFrom = room.getValue() - maxPerRoom;
                if (keepFrom > 0) {
                    byCount.setString(1, room.getKey());
                    byCount.setLong(2, keepFrom);
                    deleted += byCount.executeUpdate();
                }
            }
            if (oldestMillis != null) {
                byAge.setLong(1, oldestMillis);
                deleted += byAge.executeUpdate();
            }
            writes.commit();
        } catch (SQLException e) {
            writes.rollback();
            throw e;
        }
        return deleted;
    }

    /**
     * At most {@code limit} events of the room, oldest first: with {@code after}, the first ones after
     * it (and before {@code before}, if given); else the latest ones before {@code before} (or the
     * latest of all). {@code more} tells whether the log holds more in that direction.
     */
    Page page(String room, Long before, Long after, int limit) throws SQLException {
        boolean forward = after != null;
        String sql = "SELECT id, at, body FROM events WHERE room = ?"
                + (before != null ? " AND id < ?" : "") + (after != null ? " AND id > ?" : "")
                + " ORDER BY id " + (forward ? "ASC" : "DESC") + " LIMIT ?";
        List<Entry> entries = new ArrayList<>();
        synchronized (reads) {
            try (PreparedStatement query = reads.prepareStatement(sql)) {
                int i = 1;
                query.setString(i++, room);
                if (before != null) {
                    query.setLong(i++, before);
                }
                if (after != null) {
                    query.setLong(i++, after);
                }
                query.setInt(i, limit + 1);
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(room, rs.getLong(1), rs.getLong(2), rs.getString(3)));
                    }
                }
            }
        }
        boolean more = entries.size() > limit;
        if (more) {
            entries.remove(entries.size() - 1);
        }
        if (!forward) {
            Collections.reverse(entries);
        }
        return new Page(List.copyOf(entries), more);
    }

    /** The database file, for messages. */
    Path file() {
        return file;
    }

    @Override
    public void close() {
        synchronized (reads) {
            closeQuietly(reads);
        }
        closeQuietly(writes);
    }

    /**
     * A connection from the JDBC driver that accepts {@code url}, found with ServiceLoader in this
     * plugin's own layer (H2 sits in the plugin's folder), so the code names no driver class.
     */
    private static Connection connect(String url) throws SQLException {
        ModuleLayer layer = HistoryStore.class.getModule().getLayer();
        ServiceLoader<Driver> drivers = layer == null ? ServiceLoader.load(Driver.class, HistoryStore.class.getClassLoader())
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
                + " parley-feature-history.jar in its plugins/ folder");
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
