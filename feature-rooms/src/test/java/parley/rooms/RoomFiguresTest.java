package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** The rooms' figures in STATS, framed and as a text client's one line. */
class RoomFiguresTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void statsCountsRoomsAndMembersInBothForms() throws Exception {
        ParleyServer server = TestServer.start(Map.of("rooms", "lobby,quiet"));
        try (ParleyClient alice = TestServer.loggedIn(server, "rf-alice");
             LegacyClient text = TestServer.legacy(server)) {
            alice.expect(Message.of("JOIN_ROOM").put("room", "lobby"), "OK");

            Message stats = alice.call(Message.of("STATS"), LONG);
            assertThat(stats.texts("lines")).contains("rooms=2", "rooms_members{room=lobby}=1", "rooms_members{room=quiet}=0");

            String line = text.ask("STATS");
            assertThat(line).startsWith("STATS \"connections{protocol=").contains("\"rooms=2\"")
                    .contains("\"rooms_members{room=lobby}=1\"").doesNotContain("figures");
        } finally {
            server.close();
        }
    }
}
