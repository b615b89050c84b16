package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.ok;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** TOPIC: set by a room operator, pushed to the room, shown to each member right after its JOIN_ROOM's OK. */
class TopicTest {

    @TempDir
    Path data;

    private static Message topic(String room, String text) {
        Message topic = Message.of("TOPIC").put("room", room);
        return text == null ? topic : topic.put("topic", text);
    }

    @Test
    void theRoomSeesTheNewTopicAndEachJoinerGetsItAfterItsOk() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient eve = ModServer.user(server, "eve");
             LegacyClient bob = TestServer.legacy(server)) {
            join(eve, "room1");
            ko(call(eve, topic("room1", "eve's room")), "needs an operator of room1");
            ok(call(alice, topic("room1", "  Planning the release, Friday  ")));
            Message pushed = eve.awaitPush(m -> m.type().equals("TOPIC"), WAIT);
            assertThat(pushed.text("topic")).isEqualTo("Planning the release, Friday");
            assertThat(pushed.text("by")).isEqualTo("alice");

            assertThat(bob.ask("LOGIN \"bob\"")).startsWith("DISPLAY_ROOM");
            bob.send("JOIN_ROOM \"room1\"");
            assertThat(bob.read()).startsWith("OK");
            assertThat(bob.read()).isEqualTo("TOPIC \"room1\" \"Planning the release, Friday\" \"alice\"");
            assertThat(bob.ask("TOPIC \"room1\"")).isEqualTo("TOPIC \"room1\" \"Planning the release, Friday\" \"alice\"");
            assertThat(bob.ask("JOIN_ROOM \"room2\"")).startsWith("OK"); // no topic there: nothing follows
            assertThat(bob.ask("TOPIC \"room2\"")).isEqualTo("TOPIC \"room2\" \"\" \"\"");

            ok(call(alice, topic("room1", "")));
            assertThat(eve.awaitPush(m -> m.type().equals("TOPIC") && m.text("topic").isEmpty(), WAIT).text("by"))
                    .isEqualTo("alice");
            try (ParleyClient late = ModServer.user(server, "late")) {
                join(late, "room1");
                Message reply = call(late, topic("room1", null));
                assertThat(reply.type()).isEqualTo("TOPIC");
                assertThat(reply.text("topic")).isEmpty();
            }
        }
    }

    @Test
    void aTopicWithControlCharactersIsRefused() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice")) {
            ko(call(alice, topic("room1", "hi\u001b[31m red")), "control or invisible character at 3 (U+001B)");
            ko(call(alice, topic("room1", "evil\u202Etxt.exe")), "U+202E");
            ko(call(alice, topic("room1", "two\nlines")), "U+000A");
        }
    }
}
