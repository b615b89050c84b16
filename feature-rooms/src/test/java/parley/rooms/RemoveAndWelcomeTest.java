package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Request;
import parley.api.ServerContext;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.server.ParleyServer;
import parley.api.spi.Command;
import parley.api.spi.ServerFeature;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomEvents;
import parley.rooms.api.client.Chat;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/**
 * The rooms API's calls for moderation, from another plugin over real sockets: {@link RoomDirectory#remove}
 * makes a member leave with a reason, and {@link RoomEvents#welcomed} comes after the joiner's OK.
 */
class RemoveAndWelcomeTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    /** Another plugin: greets each joiner, and EJECT {room, pseudo} removes a member. */
    private static final class Bouncer implements ServerFeature {
        @Override
        public void start(ServerContext context) {
            RoomDirectory rooms = context.services().require(RoomDirectory.class);
            rooms.listen(new RoomEvents() {
                @Override
                public void welcomed(String room, Member member) {
                    member.session().send(Message.of("GREETING").put("room", room).put("pseudo", member.pseudo()));
                }
            });
            context.register(new Command() {
                @Override
                public String verb() {
                    return "EJECT";
                }

                @Override
                public List<String> legacyArgs() {
                    return List.of("room", "pseudo");
                }

                @Override
                public void handle(Request request) {
                    String room = request.require("room");
                    Member member = rooms.members(room).stream()
                            .filter(m -> m.pseudo().equals(request.require("pseudo"))).findFirst().orElse(null);
                    if (member == null) {
                        request.ko("not there");
                        return;
                    }
                    boolean removed = rooms.remove(room, member.session(), "ejected by " + request.session().pseudo());
                    boolean again = rooms.remove(room, member.session(), "twice");
                    request.reply(Message.of("OK").put("removed", removed).put("again", again));
                }
            });
            assertThatThrownBy(() -> rooms.remove("nowhere", null, null)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aRemovedMemberLeavesWithTheReasonAndAJoinerIsWelcomedAfterItsOk() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of(), Plugin.builder("bouncer").feature(Bouncer::new).build());
             ParleyClient ann = TestServer.loggedIn(server, "w-ann");
             ParleyClient bob = TestServer.loggedIn(server, "w-bob");
             LegacyClient old = TestServer.legacy(server)) {
            assertThat(server.failures()).isEmpty();
            assertThat(old.ask("LOGIN \"w-old\"")).startsWith("DISPLAY_ROOM");
            old.send("JOIN_ROOM \"room1\"");
            assertThat(old.read()).startsWith("OK");
            assertThat(old.read()).isEqualTo("GREETING \"room1\" \"w-old\"");
            assertThat(old.ask("JOIN_ROOM \"room1\"")).startsWith("OK"); // already in: no second greeting
            assertThat(old.ask("MSG \"room1\" \"w-old\" \"hi\"")).isEqualTo("OK");

            Chat.join(ann, "room1");
            Chat.join(bob, "room1");
            Message answer = ann.call(Message.of("EJECT").put("room", "room1").put("pseudo", "w-bob"), LONG);
            assertThat(answer.get("removed").booleanValue()).isTrue();
            assertThat(answer.get("again").booleanValue()).isFalse();
            Message left = ann.awaitPush(m -> m.type().equals("LEFT") && "w-bob".equals(m.text("pseudo")), LONG);
            assertThat(left.text("reason")).isEqualTo("ejected by w-ann");
            assertThat(bob.call(Message.of("MSG").put("room", "room1").put("msg", "back?"), LONG).text("reason"))
                    .startsWith("you are not in room1");
        }
    }
}
