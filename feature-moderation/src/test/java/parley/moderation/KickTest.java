package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.kick;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.msg;
import static parley.moderation.ModServer.ok;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** KICK: the kicked member is told who and why, leaves, and the room sees both; the action is audited. */
class KickTest {

    @TempDir
    Path data;

    @Test
    void theKickedMemberIsToldWhoAndWhyAndLeavesAndTheRoomSeesIt() throws Exception {
        String why = "flooding " + UUID.randomUUID();
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient eve = ModServer.user(server, "eve");
             LegacyClient old = TestServer.legacy(server)) {
            join(bob, "room1");
            join(eve, "room1");
            assertThat(old.ask("LOGIN \"oldie\"")).startsWith("DISPLAY_ROOM");
            assertThat(old.ask("JOIN_ROOM \"room1\"")).startsWith("OK");

            ok(call(alice, kick("room1", "BOB", why)));   // by normal form

            Message toBob = bob.awaitPush(m -> m.type().equals("KICKED"), WAIT);
            assertThat(toBob.text("pseudo")).isEqualTo("bob");
            assertThat(toBob.text("by")).isEqualTo("alice");
            assertThat(toBob.text("reason")).isEqualTo(why);
            assertThat(eve.awaitPush(m -> m.type().equals("KICKED"), WAIT).text("reason")).isEqualTo(why);
            Message left = eve.awaitPush(m -> m.type().equals("LEFT"), WAIT);
            assertThat(left.text("pseudo")).isEqualTo("bob");
            assertThat(left.text("reason")).isEqualTo("kicked by alice: " + why);
            assertThat(readUntil(old, "KICKED")).isEqualTo("KICKED \"room1\" \"bob\" \"alice\" \"" + why + "\"");

            ko(call(bob, msg("room1", "bob", "am I still here?")), "you are not in room1");
            join(bob, "room1"); // a kick is not a ban
        }
        Path audit = Path.of("target", "audit-test.log");
        await().atMost(WAIT).until(() -> Files.exists(audit)
                && Files.readString(audit, StandardCharsets.UTF_8).contains("KICK room1 bob: " + why));
        assertThat(Files.readAllLines(audit, StandardCharsets.UTF_8)).filteredOn(l -> l.contains(why))
                .singleElement().asString().contains("alice (session ").contains("127.0.0.1");
    }

    /** The next line starting with {@code verb}, skipping others. */
    static String readUntil(LegacyClient client, String verb) throws Exception {
        while (true) {
            String line = client.read();
            if (line.startsWith(verb + " ") || line.equals(verb)) {
                return line;
            }
        }
    }
}
