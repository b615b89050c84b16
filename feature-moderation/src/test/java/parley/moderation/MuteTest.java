package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.moderation.KickTest.readUntil;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.msg;
import static parley.moderation.ModServer.mute;
import static parley.moderation.ModServer.ok;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** MUTE: no MSG, FILE or SEND_FILE in that room until UNMUTE or the end; reading and other rooms go on. */
class MuteTest {

    @TempDir
    Path data;

    @Test
    void aMutedMemberCannotSpeakOrOfferFilesThereButReadsAndSpeaksElsewhere() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient eve = ModServer.user(server, "eve");
             LegacyClient old = TestServer.legacy(server)) {
            join(bob, "room1");
            join(bob, "room2");
            join(eve, "room1");
            assertThat(old.ask("LOGIN \"oldie\"")).startsWith("DISPLAY_ROOM");
            assertThat(old.ask("JOIN_ROOM \"room1\"")).startsWith("OK");

            ok(call(alice, mute("room1", "bob", "1h").put("reason", "calm down")));
            Message muted = eve.awaitPush(m -> m.type().equals("MUTED"), WAIT);
            assertThat(muted.text("pseudo")).isEqualTo("bob");
            assertThat(muted.text("reason")).isEqualTo("calm down");
            assertThat(readUntil(old, "MUTED")).startsWith("MUTED \"room1\" \"bob\" \"alice\" \"20").endsWith("\"calm down\"");

            ko(call(bob, msg("room1", "bob", "hello?")), "you are muted in room1 by alice until");
            ko(call(bob, Message.of("FILE").put("room", "room1").put("pseudo", "bob").put("filename", "a.txt")
                    .put("data", "aGVsbG8=")), "you are muted in room1");
            ko(call(bob, Message.of("SEND_FILE").put("room", "room1").put("data", "aGVsbG8=")
                    .put("meta", tools.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                            .put("filename", "a.txt").put("size", 5))), "you are muted in room1");
            ok(call(bob, msg("room2", "bob", "over here")));
            ok(call(eve, msg("room1", "eve", "can you read me?")));
            assertThat(bob.awaitPush(m -> "can you read me?".equals(m.text("msg")), WAIT)).isNotNull();

            ok(call(alice, Message.of("UNMUTE").put("room", "room1").put("pseudo", "bob")));
            assertThat(eve.awaitPush(m -> m.type().equals("UNMUTED"), WAIT).text("by")).isEqualTo("alice");
            ok(call(bob, msg("room1", "bob", "thanks")));
            ko(call(alice, Message.of("UNMUTE").put("room", "room1").put("pseudo", "bob")), "bob is not muted in room1");
        }
    }

    @Test
    void aMuteEndsByItself() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient bob = ModServer.user(server, "bob")) {
            join(bob, "room1");
            ok(call(alice, mute("room1", "bob", "5s")));
            ko(call(bob, msg("room1", "bob", "now?")), "muted");
            await().atMost(WAIT).until(() -> "OK".equals(call(bob, msg("room1", "bob", "now?")).type()));
        }
    }
}
