package parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import tools.jackson.databind.JsonNode;

/** A real server started on a data-dir written by the earlier layout (one row per event): nothing is lost. */
class OldDatabaseTest {

    @TempDir
    Path data;

    @Test
    void aServerOnAnOldDatabaseServesItsEventsAndContinuesItsIds() throws Exception {
        long base = java.time.Instant.now().minus(java.time.Duration.ofHours(1)).toEpochMilli() / 1000 * 1000;
        List<String> old = List.of(
                "{\"type\":\"JOINED\",\"room\":\"room1\",\"pseudo\":\"bob\",\"id\":1,\"time\":\"" + time(base) + "\"}",
                "{\"type\":\"MSG\",\"room\":\"room1\",\"pseudo\":\"bob\",\"msg\":\"from before\",\"id\":2,\"time\":\""
                        + time(base + 1000) + "\"}",
                "{\"type\":\"LEFT\",\"room\":\"room1\",\"pseudo\":\"bob\",\"id\":3,\"time\":\"" + time(base + 2000) + "\"}");
        Files.createDirectories(data.resolve("history"));
        try (Connection db = HistoryStore.connect(HistoryStore.url(data))) {
            try (Statement s = db.createStatement()) {
                s.execute("CREATE TABLE events (room VARCHAR(64) NOT NULL, id BIGINT NOT NULL,"
                        + " at BIGINT NOT NULL, body CHARACTER LARGE OBJECT NOT NULL, PRIMARY KEY (room, id))");
                s.execute("CREATE TABLE rooms (room VARCHAR(64) PRIMARY KEY, last_id BIGINT NOT NULL)");
                s.execute("INSERT INTO rooms VALUES ('room1', 3)");
            }
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO events VALUES ('room1', ?, ?, ?)")) {
                for (int i = 0; i < old.size(); i++) {
                    insert.setLong(1, i + 1);
                    insert.setLong(2, base + i * 1000L);
                    insert.setString(3, old.get(i));
                    insert.executeUpdate();
                }
            }
        }
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room1");
            Message answer = ann.expect(HistoryServer.history("room1", null, null, null), "HISTORY");
            assertThat(HistoryServer.ids(answer)).as("the old events, then ann's join, which continues the ids")
                    .containsExactly(1L, 2L, 3L, 4L);
            List<JsonNode> messages = answer.get("messages").valueStream().toList();
            for (int i = 0; i < old.size(); i++) {
                assertThat(messages.get(i)).as("as it was logged").isEqualTo(parley.api.wire.Json.parse(old.get(i)));
            }
            assertThat(messages.get(3).get("pseudo").stringValue()).isEqualTo("ann");
        }
    }

    /** The time as the rooms write it: {@code 2026-11-27T04:51:07.000Z}. */
    private static String time(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString().replace("Z", ".000Z");
    }
}
