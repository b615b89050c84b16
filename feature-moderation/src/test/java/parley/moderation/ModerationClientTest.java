package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.join;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.client.RecordingShell;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.CurrentRoom;

/** The terminal client's moderation commands, typed into recording shells against a real server. */
class ModerationClientTest {

    @TempDir
    Path data;

    private static void awaitLine(RecordingShell shell, Predicate<String> matching) {
        await().atMost(WAIT).until(() -> shell.lines().stream().anyMatch(matching));
    }

    @Test
    void anOperatorsCommandsActAndTheMembersSeeReadableLines() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient bob = ModServer.user(server, "bob")) {
            join(alice, "room1");
            join(bob, "room1");
            RecordingShell op = new RecordingShell(alice, Config.empty(), List.of(new ModerationClient()));
            RecordingShell member = new RecordingShell(bob, Config.empty(), List.of(new ModerationClient()));
            CurrentRoom.of(op).set("room1");
            CurrentRoom.of(member).set("room1");

            op.run("/topic Release on Friday \u001b[2J");
            awaitLine(op, l -> l.startsWith("! the topic has a control or invisible character"));
            op.run("/topic Release on Friday");
            awaitLine(op, l -> l.equals("topic of room1 set"));
            awaitLine(member, l -> l.equals("* topic of room1: Release on Friday (set by alice)"));
            member.run("/topic");
            awaitLine(member, l -> l.equals("* topic of room1: Release on Friday (set by alice)"));
            member.run("/kick alice");
            awaitLine(member, l -> l.startsWith("! KICK needs an operator of room1"));

            op.run("/mute bob 10m too loud");
            awaitLine(op, l -> l.equals("muted bob in room1"));
            awaitLine(member, l -> l.startsWith("* you are muted in room1 by alice until 20") && l.endsWith(": too loud"));
            op.run("/unmute bob");
            awaitLine(member, l -> l.equals("* you may speak in room1 again (unmuted by alice)"));

            op.run("/kick bob spamming links");
            awaitLine(member, l -> l.equals("* you were kicked from room1 by alice: spamming links"));
            await().atMost(WAIT).until(() -> CurrentRoom.of(member).get() == null);
            op.run("/ban bob 2d no thanks");
            awaitLine(op, l -> l.equals("banned bob from room1"));
            op.run("/ban * mallory permanent");
            awaitLine(op, l -> l.equals("banned mallory from the server"));
            op.run("/bans");
            awaitLine(op, l -> l.startsWith("ban room1 bob by alice until 20") && l.endsWith(": no thanks"));
            awaitLine(op, l -> l.equals("ban the server mallory by alice for good"));
            op.run("/unban * mallory");
            awaitLine(op, l -> l.equals("lifted the ban of mallory from the server"));
            op.run("/bans *");
            await().atMost(WAIT).until(() -> op.lines().stream().filter(l -> l.startsWith("ban room1 bob")).count() == 2);
            assertThat(op.lines()).filteredOn(l -> l.contains("mallory by alice")).hasSize(1); // lifted: not listed again
            op.run("/kick");
            awaitLine(op, l -> l.contains("usage: /kick [room] <pseudo> [reason]"));
        }
    }

    @Test
    void whatAPushCarriesIsShownEscapedNeverRaw() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient bob = ModServer.user(server, "bob")) {
            RecordingShell shell = new RecordingShell(bob, Config.empty(), List.of(new ModerationClient()));
            boolean shown = new ModerationClient().onPush(parley.api.Message.of("KICKED").put("room", "room1")
                    .put("pseudo", "eve").put("by", "al\u202Eice").put("reason", "\u001b[2Jgone\u0085"), shell);
            assertThat(shown).isTrue();
            assertThat(shell.lines()).containsExactly("* eve was kicked from room1 by al\\u202Eice: \\u001B[2Jgone\\u0085");
        }
    }
}
