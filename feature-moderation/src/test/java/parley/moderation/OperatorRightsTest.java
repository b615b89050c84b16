package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.moderation.ModServer.ban;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.kick;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.mute;
import static parley.moderation.ModServer.ok;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Who may moderate: every action is refused to a plain member, and to someone who took an operator's
 * pseudo without its password; a room operator acts in its own room only; OP is for server operators.
 */
class OperatorRightsTest {

    @TempDir
    Path data;

    /** Every moderation request, against bob in room1. */
    private static List<Message> everyAction() {
        return List.of(
                kick("room1", "bob", "x"),
                ban("room1", "bob", "1h", null),
                ban("*", "bob", "1h", null),
                ban("room1", "ip:203.0.113.7", null, null),
                Message.of("UNBAN").put("room", "room1").put("target", "bob"),
                Message.of("UNBAN").put("room", "*").put("target", "bob"),
                mute("room1", "bob", "10m"),
                Message.of("UNMUTE").put("room", "room1").put("pseudo", "bob"),
                Message.of("TOPIC").put("room", "room1").put("topic", "mine now"),
                Message.of("RESTRICT").put("room", "room1").put("mode", "invite"),
                Message.of("INVITE").put("room", "room1").put("pseudo", "bob"),
                Message.of("OP").put("room", "room1").put("pseudo", "bob"),
                Message.of("DEOP").put("room", "room1").put("pseudo", "bob"));
    }

    @Test
    void aPlainMemberAndAnOperatorsPseudoTakenWithoutPasswordAreRefusedEveryAction() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient dave = ModServer.authenticated(server, "dave");   // authenticated, but no operator
             ParleyClient fakeAlice = ModServer.user(server, "alice")) {    // alice's pseudo, first come
            join(bob, "room1");
            join(dave, "room1");
            join(fakeAlice, "room1");
            for (ParleyClient who : List.of(dave, fakeAlice)) {
                for (Message action : everyAction()) {
                    ko(call(who, action.copy()), "needs");
                }
            }
            assertThat(call(bob, Message.of("MSG").put("room", "room1").put("pseudo", "bob").put("msg", "still here")).type())
                    .isEqualTo("OK");
        }
    }

    @Test
    void aRoomOperatorModeratesItsOwnRoomOnlyAndCannotMakeOperators() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient dave = ModServer.authenticated(server, "dave");
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient daveTaken = ModServer.user(server, "eve")) {
            join(bob, "room1");
            join(bob, "room2");
            join(dave, "room1");
            ok(call(alice, Message.of("OP").put("room", "room1").put("pseudo", "dave")));
            assertThat(dave.awaitPush(m -> m.type().equals("OPPED"), ModServer.WAIT).text("by")).isEqualTo("alice");

            ok(call(dave, mute("room1", "bob", "10m")));
            ko(call(dave, mute("room2", "bob", "10m")), "needs an operator of room2");
            ko(call(dave, Message.of("OP").put("room", "room1").put("pseudo", "eve")), "needs a server operator");
            ko(call(dave, ban("*", "bob", null, null)), "needs a server operator");
            ko(call(dave, mute("room1", "alice", null)), "alice is a server operator");
            ko(call(dave, kick("room1", "dave", null)), "cannot KICK yourself");

            ok(call(alice, Message.of("DEOP").put("room", "room1").put("pseudo", "dave")));
            ko(call(dave, Message.of("UNMUTE").put("room", "room1").put("pseudo", "bob")), "needs an operator of room1");
            ko(call(alice, Message.of("DEOP").put("room", "room1").put("pseudo", "dave")), "dave is not an operator of room1");
        }
    }

    @Test
    void badValuesGetKoNamingThem() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice")) {
            ko(call(alice, kick("nowhere", "bob", null)), "unknown room 'nowhere'");
            ko(call(alice, kick("room1", "bob", null)), "bob is not in room1");
            ko(call(alice, ban("room1", "bob", "soon", null)), "bad duration 'soon'");
            ko(call(alice, ban("room1", "bob", "0s", null)), "at least 1s");
            ko(call(alice, ban("room1", "ip:example.org", null, null)), "bad address");
            ko(call(alice, ban("room1", "ip:127.0.0.1", null, null)), "you would ban yourself");
            ko(call(alice, ban("room1", "b\u0000b", null, null)), "bad target");
            ko(call(alice, kick("room1", "bob", "line\u001b[2Jbreak")), "control or invisible character");
            ko(call(alice, Message.of("RESTRICT").put("room", "room1").put("mode", "closed")), "write open, members or invite");
            ko(call(alice, Message.of("TOPIC").put("room", "room1").put("topic", "x".repeat(301))), "longer than 300");
            ko(call(alice, Message.of("UNBAN").put("room", "room1").put("target", "bob")), "no ban of bob in room1");
            assertThat(call(alice, Message.of("KICK").put("room", "room1")).type()).isEqualTo("ERROR");
        }
    }
}
