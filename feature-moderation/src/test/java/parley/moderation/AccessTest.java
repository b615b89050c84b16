package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.msg;
import static parley.moderation.ModServer.ok;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Rooms restricted to a members list or to invitation: a JOIN_ROOM not allowed gets KO saying why;
 * members the new rule leaves out are put out; the room's files and history are then its members' only.
 */
class AccessTest {

    @TempDir
    Path data;

    private static Message restrict(String room, String mode, List<String> members) {
        Message restrict = Message.of("RESTRICT").put("room", room).put("mode", mode);
        return members == null ? restrict : restrict.put("members", members);
    }

    @Test
    void aMembersOnlyRoomLetsInItsListAndOperatorsAndPutsOthersOutOfItsFilesAndHistory() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient eve = ModServer.user(server, "eve");
             ParleyClient dave = ModServer.user(server, "dave")) {
            join(bob, "room1");
            join(eve, "room1");
            ok(call(eve, Message.of("FILE").put("room", "room1").put("pseudo", "eve").put("filename", "plan.txt")
                    .put("data", "aGVsbG8=")));
            ok(call(eve, msg("room1", "eve", "before")));

            Message answer = call(alice, restrict("room1", "members", List.of("Bob", "carol")));
            ok(answer);
            assertThat(answer.texts("members")).containsExactlyInAnyOrder("Bob", "carol");
            assertThat(answer.texts("removed")).containsExactly("eve");
            assertThat(bob.awaitPush(m -> m.type().equals("RESTRICTED"), WAIT).text("mode")).isEqualTo("members");
            Message left = bob.awaitPush(m -> m.type().equals("LEFT"), WAIT);
            assertThat(left.text("pseudo")).isEqualTo("eve");
            assertThat(left.text("reason")).isEqualTo("room1 is now restricted to its members");

            ko(call(eve, Message.of("JOIN_ROOM").put("room", "room1")),
                    "room1 is restricted to its members list: ask one of its operators to INVITE you");
            ko(call(dave, Message.of("JOIN_ROOM").put("room", "room1")), "restricted to its members list");
            ko(call(eve, Message.of("FILES").put("room", "room1")), "you are not in room1");
            ko(call(eve, Message.of("HISTORY").put("room", "room1")), "you are not in room1");
            assertThat(call(bob, Message.of("FILES").put("room", "room1")).get("files")).hasSize(1);
            assertThat(call(bob, Message.of("HISTORY").put("room", "room1")).type()).isEqualTo("HISTORY");
            join(alice, "room1"); // a server operator is not kept out

            ok(call(alice, Message.of("INVITE").put("room", "room1").put("pseudo", "dave")));
            Message invited = dave.awaitPush(m -> m.type().equals("INVITED"), WAIT);
            assertThat(invited.text("by")).isEqualTo("alice");
            assertThat(bob.awaitPush(m -> m.type().equals("INVITED"), WAIT).text("pseudo")).isEqualTo("dave");
            join(dave, "room1");
            ko(call(alice, Message.of("INVITE").put("room", "room1").put("pseudo", "dave")), "already on room1's list");

            ok(call(alice, restrict("room1", "open", null)));
            join(eve, "room1");
        }
    }

    @Test
    void anInvitationOnlyRoomNeedsAnInvitationFromOneOfItsOperators() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient dave = ModServer.authenticated(server, "dave");
             ParleyClient eve = ModServer.user(server, "eve")) {
            ok(call(alice, Message.of("OP").put("room", "room2").put("pseudo", "dave")));
            ok(call(dave, restrict("room2", "invite", null)));
            join(dave, "room2"); // its operator
            ko(call(eve, Message.of("JOIN_ROOM").put("room", "room2")),
                    "room2 is by invitation only: ask one of its operators to INVITE you");
            ko(call(eve, Message.of("TOPIC").put("room", "room2")), "by invitation only");
            ok(call(dave, Message.of("INVITE").put("room", "room2").put("pseudo", "eve")));
            join(eve, "room2");
            join(eve, "room1"); // other rooms stay open
        }
    }
}
