package parley.history;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The earlier layout of the log, one row per event ({@code events (room, id, at, body)}): at open, its
 * events are moved into blocks, room by room, and the table is dropped. Idempotent: a move cut short
 * (the server killed) is done again from the start at the next open, giving the same blocks. Stateless.
 */
final class LegacyEvents {

    private static final Logger LOG = LoggerFactory.getLogger(LegacyEvents.class);

    private LegacyEvents() {
    }

    /**
     * Moves the events of an {@code events} table, if the database has one, into {@code blocks}, then
     * drops it; commits. Runs on {@code writes} (not in auto-commit) before anything else uses the store.
     */
    static void migrate(Connection writes, Path file) throws SQLException {
        try (Statement s = writes.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES"
                     + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'EVENTS'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return;
            }
        }
        List<String> rooms = new ArrayList<>();
        try (Statement s = writes.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT room FROM events ORDER BY room")) {
            while (rs.next()) {
                rooms.add(rs.getString(1));
            }
        }
        long moved = 0;
        try (PreparedStatement read = writes.prepareStatement("SELECT id, at, body FROM events"
                + " WHERE room = ? AND id > ? ORDER BY room, id LIMIT " + Block.MAX_EVENTS);
             PreparedStatement write = writes.prepareStatement("MERGE INTO blocks"
                     + " (room, first_id, last_id, first_at, last_at, body) KEY (room, first_id)"
                     + " VALUES (?, ?, ?, ?, ?, ?)")) {
            for (String room : rooms) {
                long after = Long.MIN_VALUE;
                while (true) {
                    List<Entry> events = new ArrayList<>();
                    read.setString(1, room);
                    read.setLong(2, after);
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            events.add(new Entry(room, rs.getLong(1), rs.getLong(2),
                                    rs.getString(3).getBytes(StandardCharsets.UTF_8)));
                        }
                    }
                    if (events.isEmpty()) {
                        break;
                    }
                    for (List<Entry> block : Block.cut(events)) {
                        write.setString(1, room);
                        write.setLong(2, block.get(0).id());
                        write.setLong(3, block.get(block.size() - 1).id());
                        write.setLong(4, block.stream().mapToLong(Entry::millis).min().orElseThrow());
                        write.setLong(5, block.stream().mapToLong(Entry::millis).max().orElseThrow());
                        write.setBytes(6, Block.encode(block));
                        write.executeUpdate();
                    }
                    moved += events.size();
                    after = events.get(events.size() - 1).id();
                }
                writes.commit();
            }
        } catch (SQLException e) {
            writes.rollback();
            throw new SQLException("moving the events of " + file + " into blocks failed: " + e.getMessage(), e);
        }
        try (Statement s = writes.createStatement()) {
            s.execute("DROP TABLE events");
        }
        writes.commit();
        LOG.info("history: moved {} events of {} rooms from the row-per-event layout into blocks in {}",
                moved, rooms.size(), file);
    }
}
