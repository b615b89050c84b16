package parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import parley.testkit.TestClock;

/**
 * The store in blocks, on a real H2 file: paging across block boundaries against a plain list, retention
 * by count and by age (what is past it is never served; storage goes by whole blocks), ids and floors
 * across a reopen, and a database of the earlier layout (one row per event) moved into blocks.
 */
class BlockStoreTest {

    private static final long T0 = 1_764_000_000_000L;
    private static final Retention KEEP_ALL = new Retention(100_000_000, Duration.ofDays(3650));

    @TempDir
    Path data;

    private final TestClock clock = new TestClock(Instant.ofEpochMilli(T0));

    /** Events {@code from..to} of the room, stamped {@code at} plus one millisecond per id after {@code from}. */
    private static List<Entry> events(String room, long from, long to, long at) {
        return LongStream.rangeClosed(from, to).mapToObj(id -> new Entry(room, id, at + id - from,
                ("{\"type\":\"MSG\",\"room\":\"" + room + "\",\"id\":" + id + "}").getBytes(StandardCharsets.UTF_8))).toList();
    }

    private static List<Long> ids(Page page) {
        return page.entries().stream().map(Entry::id).toList();
    }

    private long count(String sql) throws SQLException {
        try (Connection c = HistoryStore.connect(HistoryStore.url(data));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** What HISTORY must answer, from the plain list of ids kept. */
    private static Page expected(List<Long> kept, Long before, Long after, int limit) {
        List<Long> in = kept.stream().filter(id -> (before == null || id < before) && (after == null || id > after)).toList();
        List<Long> page = after != null ? in.subList(0, Math.min(limit, in.size()))
                : in.subList(Math.max(0, in.size() - limit), in.size());
        return new Page(page.stream().map(id -> new Entry("room1", id, 0, new byte[0])).toList(), in.size() > limit);
    }

    @Test
    void pagingAcrossBlockBoundariesMatchesThePlainListEverywhere() throws Exception {
        try (HistoryStore store = HistoryStore.open(data, KEEP_ALL, clock)) {
            long next = 1;
            for (int size : new int[] {3, 1, 7, 600, 5, 40, 1}) { // 600: cut into 512 and 88
                store.append(events("room1", next, next + size - 1, T0));
                next += size;
            }
            store.append(events("room2", 1, 30, T0)); // another room's blocks are never mixed in
            assertThat(count("SELECT COUNT(*) FROM blocks WHERE room = 'room1'")).isEqualTo(8);
            List<Long> all = LongStream.rangeClosed(1, 657).boxed().toList();

            List<Long> backward = new ArrayList<>();
            Long before = null;
            for (Page page = store.page("room1", null, null, 7); ; page = store.page("room1", before, null, 7)) {
                backward.addAll(0, ids(page));
                before = page.entries().get(0).id();
                if (!page.more()) {
                    break;
                }
            }
            assertThat(backward).as("backward by 7: no gap, no duplicate").isEqualTo(all);
            List<Long> forward = new ArrayList<>();
            long after = 0;
            for (Page page = store.page("room1", null, after, 9); ; page = store.page("room1", null, after, 9)) {
                forward.addAll(ids(page));
                if (!page.more()) {
                    break;
                }
                after = page.entries().get(page.entries().size() - 1).id();
            }
            assertThat(forward).as("forward by 9").isEqualTo(all);

            Long[] befores = {null, 1L, 2L, 4L, 5L, 11L, 12L, 13L, 523L, 524L, 525L, 612L, 656L, 657L, 658L, 900L};
            Long[] afters = {null, 0L, 1L, 3L, 4L, 11L, 12L, 522L, 523L, 611L, 612L, 656L, 657L, 700L};
            for (Long b : befores) {
                for (Long a : afters) {
                    for (int limit : new int[] {1, 3, 50, 500}) {
                        Page got = store.page("room1", b, a, limit);
                        Page want = expected(all, b, a, limit);
                        assertThat(ids(got)).as("before %s after %s limit %d", b, a, limit).isEqualTo(ids(want));
                        assertThat(got.more()).as("more, before %s after %s limit %d", b, a, limit).isEqualTo(want.more());
                    }
                }
            }
            Page one = store.page("room2", null, 29L, 5);
            assertThat(ids(one)).containsExactly(30L);
            assertThat(new String(one.entries().get(0).json(), StandardCharsets.UTF_8))
                    .as("the bytes as they were pushed").isEqualTo("{\"type\":\"MSG\",\"room\":\"room2\",\"id\":30}");
            assertThat(store.page("room9", null, null, 50)).isEqualTo(new Page(List.of(), false));

            byte[] big = new byte[300 * 1024]; // over a block's byte cap: a block of its own
            Arrays.fill(big, (byte) 'x');
            List<Entry> three = new ArrayList<>(events("room3", 1, 1, T0));
            three.add(new Entry("room3", 2, T0, big));
            three.addAll(events("room3", 3, 3, T0));
            store.append(three);
            assertThat(count("SELECT COUNT(*) FROM blocks WHERE room = 'room3'")).isEqualTo(3);
            Page page = store.page("room3", null, 1L, 1);
            assertThat(page.entries().get(0).json()).isEqualTo(big);
            assertThat(page.more()).isTrue();
            assertThat(ids(store.page("room3", 3L, null, 5))).containsExactly(1L, 2L);
        }
    }

    @Test
    void retentionByCountHidesThePartOfABlockPastItAndDeletesWholeBlocksOnly() throws Exception {
        try (HistoryStore store = HistoryStore.open(data, new Retention(100, Duration.ofDays(30)), clock)) {
            int deleted = 0;
            for (long from = 1; from <= 300; from += 30) {
                deleted += store.append(events("room1", from, from + 29, T0));
            }
            assertThat(deleted).as("blocks 1-30 .. 151-180 deleted, one row each").isEqualTo(6);
            Page latest = store.page("room1", null, null, 500);
            assertThat(ids(latest)).as("exactly the last 100, though 181..200 are still stored")
                    .isEqualTo(LongStream.rangeClosed(201, 300).boxed().toList());
            assertThat(latest.more()).isFalse();
            Page first = store.page("room1", null, 0L, 3);
            assertThat(ids(first)).containsExactly(201L, 202L, 203L);
            Page older = store.page("room1", 203L, null, 5);
            assertThat(ids(older)).containsExactly(201L, 202L);
            assertThat(older.more()).as("nothing older is served").isFalse();
            assertThat(ids(store.page("room1", 190L, null, 5))).isEmpty();
        }
        assertThat(count("SELECT COUNT(*) FROM blocks")).as("181-210 .. 271-300").isEqualTo(4);
        assertThat(count("SELECT MIN(first_id) FROM blocks")).isEqualTo(181);

        try (HistoryStore store = HistoryStore.open(data, new Retention(1_000, Duration.ofDays(30)), clock)) {
            assertThat(store.lastIds()).isEqualTo(Map.of("room1", 300L));
            assertThat(ids(store.page("room1", null, null, 500))).as("a larger max-messages brings nothing back")
                    .isEqualTo(LongStream.rangeClosed(201, 300).boxed().toList());
            store.append(events("room1", 301, 301, T0));
            assertThat(store.page("room1", null, null, 500).entries()).hasSize(101);
        }
    }

    @Test
    void retentionByAgeHidesOldEventsAtOnceAndDeletesBlocksWhoseNewestIsOld() throws Exception {
        Duration hour = Duration.ofHours(1);
        try (HistoryStore store = HistoryStore.open(data, new Retention(10_000, hour), clock)) {
            store.append(events("room1", 1, 10, T0));        // at T0 .. T0+9
            store.append(events("room1", 11, 20, T0 + 100)); // at T0+100 .. T0+109
            clock.set(T0 + hour.toMillis() + 5);             // 1..5 are older than an hour
            assertThat(ids(store.page("room1", null, null, 500))).as("hidden before any sweep")
                    .isEqualTo(LongStream.rangeClosed(6, 20).boxed().toList());
            assertThat(ids(store.page("room1", null, 0L, 3))).containsExactly(6L, 7L, 8L);
            assertThat(store.sweep()).as("the first block still has newer events").isZero();

            clock.set(T0 + hour.toMillis() + 50);
            assertThat(store.sweep()).as("the whole first block is old now").isEqualTo(1);
            Page left = store.page("room1", null, null, 500);
            assertThat(ids(left)).isEqualTo(LongStream.rangeClosed(11, 20).boxed().toList());
            assertThat(left.more()).isFalse();
        }
        assertThat(count("SELECT COUNT(*) FROM blocks")).isEqualTo(1);

        clock.set(T0 + hour.toMillis() + 105); // 11..15 past an hour: the sweep at close of a server keeps that
        try (HistoryStore store = HistoryStore.open(data, new Retention(10_000, hour), clock)) {
            store.sweep();
        }
        try (HistoryStore store = HistoryStore.open(data, new Retention(10_000, Duration.ofDays(30)), clock)) {
            assertThat(ids(store.page("room1", null, null, 500))).as("a longer keep-for brings nothing back")
                    .isEqualTo(LongStream.rangeClosed(16, 20).boxed().toList());
            clock.set(T0 + Duration.ofDays(31).toMillis());
            assertThat(store.sweep()).isEqualTo(1);
            assertThat(store.page("room1", null, null, 500)).isEqualTo(new Page(List.of(), false));
            assertThat(store.lastIds()).as("ids continue though nothing is left").isEqualTo(Map.of("room1", 20L));
            store.append(events("room1", 21, 22, clock.millis()));
            assertThat(ids(store.page("room1", null, null, 500))).containsExactly(21L, 22L);
        }
    }

    @Test
    void aDatabaseWithOneRowPerEventIsMovedIntoBlocksAtOpen() throws Exception {
        java.nio.file.Files.createDirectories(data.resolve("history"));
        try (Connection old = HistoryStore.connect(HistoryStore.url(data));
             Statement s = old.createStatement()) {
            s.execute("CREATE TABLE events (room VARCHAR(64) NOT NULL, id BIGINT NOT NULL,"
                    + " at BIGINT NOT NULL, body CHARACTER LARGE OBJECT NOT NULL, PRIMARY KEY (room, id))");
            s.execute("CREATE INDEX events_at ON events (at)");
            s.execute("CREATE TABLE rooms (room VARCHAR(64) PRIMARY KEY, last_id BIGINT NOT NULL)");
            s.execute("INSERT INTO events SELECT 'room1', X, " + T0 + " + X, '{\"msg\":\"é ' || X || '\"}'"
                    + " FROM SYSTEM_RANGE(101, 1300)"); // retention had deleted 1..100
            s.execute("INSERT INTO events VALUES ('room2', 1, " + T0 + ", '{\"msg\":\"hi\"}')");
            s.execute("INSERT INTO rooms VALUES ('room1', 1300), ('room2', 2), ('room3', 4)");
        }
        try (HistoryStore store = HistoryStore.open(data, KEEP_ALL, clock)) {
            assertThat(store.lastIds()).isEqualTo(Map.of("room1", 1300L, "room2", 2L, "room3", 4L));
            List<Long> room1 = new ArrayList<>();
            long after = 0;
            for (Page page = store.page("room1", null, after, 500); ; page = store.page("room1", null, after, 500)) {
                room1.addAll(ids(page));
                if (!page.more()) {
                    break;
                }
                after = room1.get(room1.size() - 1);
            }
            assertThat(room1).isEqualTo(LongStream.rangeClosed(101, 1300).boxed().toList());
            Entry last = store.page("room1", null, null, 1).entries().get(0);
            assertThat(new String(last.json(), StandardCharsets.UTF_8)).isEqualTo("{\"msg\":\"é 1300\"}");
            assertThat(last.millis()).isEqualTo(T0 + 1300);
            assertThat(ids(store.page("room2", null, null, 50))).containsExactly(1L);
            store.append(events("room2", 3, 3, T0));
            assertThat(ids(store.page("room2", null, null, 50))).containsExactly(1L, 3L);
        }
        assertThat(count("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'EVENTS'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM blocks WHERE room = 'room1'")).as("1200 events: 512 + 512 + 176").isEqualTo(3);
        try (HistoryStore store = HistoryStore.open(data, KEEP_ALL, clock)) {
            assertThat(store.page("room1", null, null, 500).entries()).as("opening again moves nothing twice").hasSize(500);
        }
        assertThat(count("SELECT COUNT(*) FROM blocks")).isEqualTo(5);
        assertThat(count("SELECT floor_id FROM rooms WHERE room = 'room1'")).as("nothing past retention").isZero();
    }
}
