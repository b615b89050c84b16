package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.ban;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.kick;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.login;
import static parley.moderation.ModServer.msg;
import static parley.moderation.ModServer.mute;
import static parley.moderation.ModServer.ok;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** What moderation decided survives a restart: bans, mutes, room operators, topics and access lists. */
class RestartTest {

    @TempDir
    Path data;

    @Test
    void bansMutesOperatorsTopicsAndAccessListsSurviveARestart() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice")) {
            ok(call(alice, ban("*", "mallory", "1h", "spam")));
            ok(call(alice, ban("room1", "trent", null, null)));
            ok(call(alice, mute("room1", "bob", null)));
            ok(call(alice, Message.of("OP").put("room", "room2").put("pseudo", "dave")));
            ok(call(alice, Message.of("TOPIC").put("room", "room1").put("topic", "kept across restarts")));
            ok(call(alice, Message.of("RESTRICT").put("room", "room2").put("mode", "members")
                    .put("members", List.of("bob"))));
        }
        try (ParleyServer server = ModServer.start(data);
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient dave = ModServer.authenticated(server, "dave");
             ParleyClient trent = ModServer.user(server, "trent");
             ParleyClient eve = ModServer.user(server, "eve");
             ParleyClient mallory = TestServer.client(server)) {
            ko(call(mallory, login("mallory")), "you are banned from this server by alice until");
            ko(call(trent, Message.of("JOIN_ROOM").put("room", "room1")), "you are banned from room1 by alice permanently");

            join(bob, "room1");
            Message topic = bob.awaitPush(m -> m.type().equals("TOPIC"), WAIT);
            assertThat(topic.text("topic")).isEqualTo("kept across restarts");
            ko(call(bob, msg("room1", "bob", "still muted?")), "you are muted in room1 by alice permanently");

            ko(call(eve, Message.of("JOIN_ROOM").put("room", "room2")), "restricted to its members list");
            join(bob, "room2");
            join(dave, "room2"); // its operator
            ok(call(dave, kick("room2", "bob", "operator rights kept")));
        }
    }
}
