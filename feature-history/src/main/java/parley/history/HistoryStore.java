package parley.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * The rooms' log in an embedded H2 database ({@code <data-dir>/history/history.mv.db}), in
 * {@link Block blocks}: one row per room and run of consecutive events written together, keyed by the
 * room and the block's first id, with its last id and its oldest and newest times. Beside it, each room's
 * last id and its floor (the highest id past retention), kept apart so that retention never makes an id
 * come back, nor an event once past retention be served again.
 *
 * <p>Retention deletes whole blocks, one row each: by count when a block's last id is at or below the
 * floor, by age when its newest event is older than {@code keep-for}. Events past retention inside a
 * block that is kept are not served: {@link #page} filters them. A room's times never go back (the rooms
 * stamp them so), so what is past retention is always a room's oldest events.
 *
 * <p>Writes come from the writer thread only ({@link #append}, {@link #sweep}); reads ({@link #page},
 * {@link #lastIds}) from any thread, on a connection of their own. Thread-safe.
 */
final class HistoryStore implements AutoCloseable {

    /** Blocks fetched by a read's first query; each next query of the same read fetches twice as many. */
    private static final int FIRST_READ = 2;
    private static final int MOST_READ = 64;

    private final Path file;
    private final Connection writes;
    private final Connection reads;
    private final Retention retention;
    private final Clock clock;
    /** Each logged room's last id and floor, as committed: the writer thread's alone. */
    private final Map<String, Mark> marks;

    /** A room's last id and floor (the highest id past retention: ids at or below it are never served). */
    private record Mark(long last, long floor) {
    }

    private HistoryStore(Path file, Connection writes, Connection reads, Retention retention, Clock clock,
                         Map<String, Mark> marks) {
        this.file = file;
        this.writes = writes;
        this.reads = reads;
        this.retention = retention;
        this.clock = clock;
        this.marks = marks;
    }

    /**
     * Opens (or creates) the database under {@code dataDir}; a database of the earlier layout (one row
     * per event) has its events moved into blocks first.
     *
     * @throws IllegalStateException naming the file and the fix when it cannot be opened
     */
    static HistoryStore open(Path dataDir, Retention retention, Clock clock) {
        Path dir = dataDir.resolve("history").toAbsolutePath();
        Path file = dir.resolve("history.mv.db");
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot create the history folder " + dir + " (" + e.getMessage()
                    + "): check the permissions of data-dir, or set data-dir to a writable folder", e);
        }
        Connection writes = null;
        Connection reads = null;
        try {
            writes = connect(url(dataDir));
            reads = connect(url(dataDir));
            try (Statement s = writes.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS blocks (room VARCHAR(64) NOT NULL, first_id BIGINT NOT NULL,"
                        + " last_id BIGINT NOT NULL, first_at BIGINT NOT NULL, last_at BIGINT NOT NULL,"
                        + " body VARBINARY NOT NULL, PRIMARY KEY (room, first_id))");
                s.execute("CREATE INDEX IF NOT EXISTS blocks_last_at ON blocks (last_at)");
                s.execute("CREATE TABLE IF NOT EXISTS rooms (room VARCHAR(64) PRIMARY KEY, last_id BIGINT NOT NULL)");
                s.execute("ALTER TABLE rooms ADD COLUMN IF NOT EXISTS floor_id BIGINT DEFAULT 0 NOT NULL");
            }
            writes.setAutoCommit(false);
            LegacyEvents.migrate(writes, file);
            Map<String, Mark> marks = new HashMap<>();
            try (Statement s = writes.createStatement();
                 ResultSet rs = s.executeQuery("SELECT room, last_id, floor_id FROM rooms")) {
                while (rs.next()) {
                    marks.put(rs.getString(1), new Mark(rs.getLong(2), rs.getLong(3)));
                }
            }
            writes.commit();
            return new HistoryStore(file, writes, reads, retention, clock, marks);
        } catch (SQLException e) {
            closeQuietly(reads);
            closeQuietly(writes);
            throw new IllegalStateException("cannot open the history database " + file + ": " + e.getMessage()
                    + " (if another server uses this data-dir, stop it or give this one another data-dir)", e);
        }
    }

    /** The JDBC address of the database under {@code dataDir}. */
    static String url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("history").toAbsolutePath().resolve("history") + ";DB_CLOSE_ON_EXIT=FALSE";
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

    /**
     * Appends the entries (in the rooms' order) as one block per room, or more when one would pass
     * {@link Block}'s caps; moves each room's last id and floor by count; deletes the blocks now wholly
     * at or below the floor. One transaction.
     *
     * @return how many blocks retention deleted
     */
    int append(List<Entry> entries) throws SQLException {
        Map<String, List<Entry>> byRoom = new LinkedHashMap<>();
        for (Entry entry : entries) {
            byRoom.computeIfAbsent(entry.room(), r -> new ArrayList<>()).add(entry);
        }
        Map<String, Mark> moved = new HashMap<>();
        int deleted = 0;
        try (PreparedStatement insert = writes.prepareStatement("INSERT INTO blocks"
                + " (room, first_id, last_id, first_at, last_at, body) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement room = writes.prepareStatement(
                     "MERGE INTO rooms (room, last_id, floor_id) KEY (room) VALUES (?, ?, ?)");
             PreparedStatement trim = writes.prepareStatement(
                     "DELETE FROM blocks WHERE room = ? AND first_id <= ? AND last_id <= ?")) {
            for (Map.Entry<String, List<Entry>> events : byRoom.entrySet()) {
                String name = events.getKey();
                long last = 0;
                for (List<Entry> block : Block.cut(events.getValue())) {
                    long firstAt = Long.MAX_VALUE;
                    long lastAt = Long.MIN_VALUE;
                    for (Entry entry : block) {
                        firstAt = Math.min(firstAt, entry.millis());
                        lastAt = Math.max(lastAt, entry.millis());
                        last = Math.max(last, entry.id());
                    }
                    insert.setString(1, name);
                    insert.setLong(2, block.get(0).id());
                    insert.setLong(3, block.get(block.size() - 1).id());
                    insert.setLong(4, firstAt);
                    insert.setLong(5, lastAt);
                    insert.setBytes(6, Block.encode(block));
                    insert.addBatch();
                }
                Mark was = marks.getOrDefault(name, new Mark(0, 0));
                long newLast = Math.max(was.last(), last);
                Mark now = new Mark(newLast, Math.max(was.floor(), retention.floorByCount(newLast)));
                moved.put(name, now);
                room.setString(1, name);
                room.setLong(2, now.last());
                room.setLong(3, now.floor());
                room.addBatch();
                if (now.floor() > 0) {
                    trim.setString(1, name);
                    trim.setLong(2, now.floor());
                    trim.setLong(3, now.floor());
                    trim.addBatch();
                }
            }
            insert.executeBatch();
            room.executeBatch();
            for (int count : trim.executeBatch()) {
                deleted += Math.max(0, count);
            }
            writes.commit();
        } catch (SQLException e) {
            writes.rollback();
            throw e;
        }
        marks.putAll(moved);
        return deleted;
    }

    /**
     * Retention by age: deletes every block whose newest event is older than {@code keep-for}, and
     * raises each room's floor past its events that are, so that they are never served again (after a
     * restart with a longer {@code keep-for} too). One transaction.
     *
     * @return how many blocks went
     */
    int sweep() throws SQLException {
        long cutoff = retention.cutoff(clock.millis());
        if (cutoff == Long.MIN_VALUE) {
            return 0;
        }
        Map<String, Mark> moved = new HashMap<>();
        int deleted;
        try (PreparedStatement old = writes.prepareStatement("DELETE FROM blocks WHERE last_at < ?");
             PreparedStatement oldest = writes.prepareStatement("SELECT first_id, first_at FROM blocks"
                     + " WHERE room = ? ORDER BY room, first_id LIMIT 1");
             PreparedStatement body = writes.prepareStatement(
                     "SELECT body FROM blocks WHERE room = ? AND first_id = ?");
             PreparedStatement raise = writes.prepareStatement("UPDATE rooms SET floor_id = ? WHERE room = ?")) {
            old.setLong(1, cutoff);
            deleted = old.executeUpdate();
            for (Map.Entry<String, Mark> room : marks.entrySet()) {
                Mark mark = room.getValue();
                if (mark.floor() >= mark.last()) {
                    continue; // nothing of this room is served any more
                }
                long floor = mark.last(); // no block left: all its events are past retention
                oldest.setString(1, room.getKey());
                try (ResultSet rs = oldest.executeQuery()) {
                    if (rs.next()) {
                        long firstId = rs.getLong(1);
                        floor = firstId - 1;
                        if (rs.getLong(2) < cutoff) {
                            body.setString(1, room.getKey());
                            body.setLong(2, firstId);
                            floor = lastBefore(room.getKey(), firstId, body, cutoff, floor);
                        }
                    }
                }
                if (floor > mark.floor()) {
                    Mark now = new Mark(mark.last(), floor);
                    moved.put(room.getKey(), now);
                    raise.setLong(1, floor);
                    raise.setString(2, room.getKey());
                    raise.addBatch();
                }
            }
            raise.executeBatch();
            writes.commit();
        } catch (SQLException e) {
            writes.rollback();
            throw e;
        }
        marks.putAll(moved);
        return deleted;
    }

    /** The highest id of the block that is older than {@code cutoff}, or {@code floor} if none is. */
    private static long lastBefore(String room, long firstId, PreparedStatement body, long cutoff, long floor)
            throws SQLException {
        try (ResultSet rs = body.executeQuery()) {
            if (rs.next()) {
                for (Entry entry : Block.decode(room, firstId, rs.getBytes(1))) {
                    if (entry.millis() < cutoff) {
                        floor = Math.max(floor, entry.id());
                    }
                }
            }
        }
        return floor;
    }

    /**
     * At most {@code limit} events of the room, oldest first: with {@code after}, the first ones after
     * it (and before {@code before}, if given); else the latest ones before {@code before} (or the
     * latest of all). {@code more} tells whether the log holds more in that direction. Events past
     * retention (by count or age) are left out, whether or not their block is still stored.
     */
    Page page(String room, Long before, Long after, int limit) throws SQLException {
        synchronized (reads) {
            long floor;
            try (PreparedStatement mark = reads.prepareStatement("SELECT last_id, floor_id FROM rooms WHERE room = ?")) {
                mark.setString(1, room);
                try (ResultSet rs = mark.executeQuery()) {
                    if (!rs.next()) {
                        return new Page(List.of(), false);
                    }
                    floor = Math.max(rs.getLong(2), retention.floorByCount(rs.getLong(1)));
                }
            }
            long cutoff = retention.cutoff(clock.millis());
            List<Entry> entries = after != null
                    ? forward(room, Math.max(after, floor), before, limit, cutoff)
                    : backward(room, floor, before, limit, cutoff);
            boolean more = entries.size() > limit;
            if (more) {
                entries.remove(entries.size() - 1);
            }
            if (after == null) {
                Collections.reverse(entries);
            }
            return new Page(List.copyOf(entries), more);
        }
    }

    /** Up to {@code limit + 1} served events after {@code lower} and before {@code before}, oldest first. */
    private List<Entry> forward(String room, long lower, Long before, int limit, long cutoff) throws SQLException {
        List<Entry> out = new ArrayList<>();
        long from = lower + 1;
        try (PreparedStatement holder = reads.prepareStatement("SELECT first_id FROM blocks"
                + " WHERE room = ? AND first_id <= ? ORDER BY room DESC, first_id DESC LIMIT 1")) {
            holder.setString(1, room);
            holder.setLong(2, from);
            try (ResultSet rs = holder.executeQuery()) {
                if (rs.next()) {
                    from = rs.getLong(1); // the block that holds lower + 1, if one does, starts here
                }
            }
        }
        try (PreparedStatement blocks = reads.prepareStatement("SELECT first_id, last_at, body FROM blocks"
                + " WHERE room = ? AND first_id >= ? ORDER BY room, first_id LIMIT ?")) {
            for (int count = FIRST_READ; ; count = Math.min(MOST_READ, count * 2)) {
                blocks.setString(1, room);
                blocks.setLong(2, from);
                blocks.setInt(3, count);
                int rows = 0;
                try (ResultSet rs = blocks.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long firstId = rs.getLong(1);
                        from = firstId + 1;
                        if (before != null && firstId >= before) {
                            return out;
                        }
                        if (rs.getLong(2) < cutoff) {
                            continue; // all past retention by age
                        }
                        for (Entry entry : Block.decode(room, firstId, rs.getBytes(3))) {
                            if (before != null && entry.id() >= before) {
                                return out;
                            }
                            if (entry.id() > lower && entry.millis() >= cutoff) {
                                out.add(entry);
                                if (out.size() > limit) {
                                    return out;
                                }
                            }
                        }
                    }
                }
                if (rows < count) {
                    return out;
                }
            }
        }
    }

    /** Up to {@code limit + 1} served events before {@code before}, newest first. */
    private List<Entry> backward(String room, long floor, Long before, int limit, long cutoff) throws SQLException {
        List<Entry> out = new ArrayList<>();
        long upper = before == null ? Long.MAX_VALUE : before;
        long below = upper;
        try (PreparedStatement blocks = reads.prepareStatement("SELECT first_id, last_id, last_at, body FROM blocks"
                + " WHERE room = ? AND first_id < ? ORDER BY room DESC, first_id DESC LIMIT ?")) {
            for (int count = FIRST_READ; ; count = Math.min(MOST_READ, count * 2)) {
                blocks.setString(1, room);
                blocks.setLong(2, below);
                blocks.setInt(3, count);
                int rows = 0;
                try (ResultSet rs = blocks.executeQuery()) {
                    while (rs.next()) {
                        rows++;
                        long firstId = rs.getLong(1);
                        below = firstId;
                        if (rs.getLong(2) <= floor || rs.getLong(3) < cutoff) {
                            return out; // this block and every older one are past retention
                        }
                        List<Entry> events = Block.decode(room, firstId, rs.getBytes(4));
                        for (int i = events.size() - 1; i >= 0; i--) {
                            Entry entry = events.get(i);
                            if (entry.id() >= upper) {
                                continue;
                            }
                            if (entry.id() <= floor || entry.millis() < cutoff) {
                                return out; // times never go back in a room: every older one is past too
                            }
                            out.add(entry);
                            if (out.size() > limit) {
                                return out;
                            }
                        }
                    }
                }
                if (rows < count) {
                    return out;
                }
            }
        }
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
    static Connection connect(String url) throws SQLException {
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
