package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.moderation.KickTest.readUntil;
import static parley.moderation.ModServer.WAIT;
import static parley.moderation.ModServer.ban;
import static parley.moderation.ModServer.call;
import static parley.moderation.ModServer.join;
import static parley.moderation.ModServer.ko;
import static parley.moderation.ModServer.login;
import static parley.moderation.ModServer.ok;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** BAN by pseudo and by address, per room and server-wide, enforced at JOIN_ROOM and LOGIN; UNBAN; expiry. */
class BanTest {

    @TempDir
    Path data;

    @Test
    void aRoomBanPutsThePseudoOutAndKeepsItOutOfThatRoomOnly() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient bob = ModServer.user(server, "bob");
             ParleyClient eve = ModServer.user(server, "eve")) {
            join(bob, "room1");
            join(eve, "room1");

            Message answer = call(alice, ban("room1", "bob", "1h", "spam"));
            ok(answer);
            assertThat(answer.texts("removed")).containsExactly("bob");
            Message banned = eve.awaitPush(m -> m.type().equals("BANNED"), WAIT);
            assertThat(banned.text("target")).isEqualTo("bob");
            assertThat(banned.text("scope")).isEqualTo("room");
            assertThat(banned.text("until")).endsWith("Z");
            assertThat(eve.awaitPush(m -> m.type().equals("LEFT"), WAIT).text("reason")).isEqualTo("banned by alice");
            assertThat(bob.awaitPush(m -> m.type().equals("BANNED"), WAIT).text("reason")).isEqualTo("spam");

            String reason = ko(call(bob, Message.of("JOIN_ROOM").put("room", "room1")), "you are banned from room1 by alice until ");
            assertThat(reason).containsPattern("\\(in (59m|1h)\\)").endsWith(": spam");
            join(bob, "room2");

            ok(call(alice, Message.of("UNBAN").put("room", "room1").put("target", "bob")));
            assertThat(eve.awaitPush(m -> m.type().equals("UNBANNED"), WAIT).text("target")).isEqualTo("bob");
            join(bob, "room1");
        }
    }

    @Test
    void aServerBanClosesTheConnectionAndRefusesLoginEvenWithTheRightPassword() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient eve = ModServer.user(server, "eve");
             ParleyClient dave = ModServer.authenticated(server, "dave")) {
            join(dave, "room2");
            join(eve, "room2");

            ok(call(alice, ban("*", "Dave", null, "impersonation")));

            Message banned = eve.awaitPush(m -> m.type().equals("BANNED"), WAIT);
            assertThat(banned.text("scope")).isEqualTo("server");
            assertThat(banned.text("until")).isEqualTo("permanent");
            assertThat(dave.closed().get(20, java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
            assertThat(eve.awaitPush(m -> m.type().equals("LEFT"), WAIT).text("pseudo")).isEqualTo("dave");

            try (ParleyClient again = TestServer.client(server)) {
                ko(call(again, login("dave").put("password", ModServer.PASSWORD)),
                        "you are banned from this server by alice permanently: impersonation");
                ko(call(again, login("DAVE")), "banned from this server");
            }
            ok(call(alice, Message.of("UNBAN").put("room", "*").put("target", "dave")));
            try (ParleyClient again = TestServer.client(server)) {
                assertThat(call(again, login("dave")).type()).isEqualTo(Verbs.DISPLAY_ROOM);
            }
        }
    }

    @Test
    void anAddressBanReachesEveryPseudoFromThatAddressAndNoOtherAndNeverShowsTheAddress() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient eve = ModServer.user(server, "eve");
             LegacyClient mallory = ModServer.fromOtherAddress(server)) {
            join(eve, "room1");
            assertThat(mallory.ask("LOGIN \"mallory\"")).startsWith("DISPLAY_ROOM");
            assertThat(mallory.ask("JOIN_ROOM \"room1\"")).startsWith("OK");

            Message answer = call(alice, ban("room1", "ip:" + ModServer.OTHER_ADDRESS, "1h", null));
            ok(answer);
            assertThat(answer.texts("removed")).containsExactly("mallory");
            Message banned = eve.awaitPush(m -> m.type().equals("BANNED"), WAIT);
            assertThat(banned.text("target")).isEqualTo("mallory");
            assertThat(banned.toString()).doesNotContain(ModServer.OTHER_ADDRESS);
            assertThat(readUntil(mallory, "BANNED")).startsWith("BANNED \"room1\" \"mallory\" \"alice\" \"20");
            assertThat(mallory.ask("JOIN_ROOM \"room1\"")).startsWith("KO").contains("your address 127.0.0.2 is banned from room1");

            ok(call(alice, ban("*", "ip:" + ModServer.OTHER_ADDRESS, "1h", "botnet")));
            assertThat(readUntil(mallory, "BANNED")).startsWith("BANNED \"*\" \"mallory\" \"alice\"").endsWith("\"botnet\" \"server\"");
            assertThat(mallory.closedByServer()).isTrue();
            try (LegacyClient another = ModServer.fromOtherAddress(server)) {
                assertThat(another.ask("LOGIN \"someone-else\"")).startsWith("KO")
                        .contains("your address 127.0.0.2 is banned from this server by alice until").contains("botnet");
            }
            try (ParleyClient fromHere = ModServer.user(server, "someone-else")) {
                join(fromHere, "room1");
            }
        }
    }

    @Test
    void aBanEndsByItselfAndTheEndedBanIsDeletedFromTheDatabase() throws Exception {
        try (ParleyServer server = ModServer.start(data, Map.of("moderation.cleanup-every", "1s"));
             ParleyClient alice = ModServer.authenticated(server, "alice")) {
            ok(call(alice, ban("*", "bob", "5s", "cool down")));
            try (ParleyClient bob = TestServer.client(server)) {
                ko(call(bob, login("bob")), "(in ");
                await().atMost(WAIT).until(() -> Verbs.DISPLAY_ROOM.equals(call(bob, login("bob")).type()));
                join(bob, "room1");
            }
            await().atMost(WAIT).until(() -> {
                try (ModerationStore store = ModerationStore.open(data)) { // the server's database, in this JVM
                    return store.banCount() == 0;
                }
            });
        }
    }

    @Test
    void operatorsListTheBansAndMutesInForceAndOnlyThey() throws Exception {
        try (ParleyServer server = ModServer.start(data);
             ParleyClient alice = ModServer.authenticated(server, "alice");
             ParleyClient eve = ModServer.user(server, "eve");
             LegacyClient old = TestServer.legacy(server)) {
            ok(call(alice, ban("room1", "bob", "1h", "spam")));
            ok(call(alice, ban("room2", "mallory", null, null)));
            ok(call(alice, ban("*", "ip:203.0.113.7", null, "botnet")));
            ok(call(alice, ModServer.mute("room1", "eve", "10m")));

            Message all = call(alice, Message.of("BANS"));
            assertThat(all.type()).isEqualTo("BANS");
            assertThat(all.get("bans").valueStream().map(b -> b.get("room").asString() + " " + b.get("target").asString()))
                    .containsExactlyInAnyOrder("* ip:203.0.113.7", "room1 bob", "room2 mallory");
            assertThat(all.get("mutes").valueStream().map(m -> m.get("pseudo").asString())).containsExactly("eve");
            Message room1 = call(alice, Message.of("BANS").put("room", "room1"));
            assertThat(room1.get("bans").valueStream().map(b -> b.get("target").asString()))
                    .containsExactlyInAnyOrder("ip:203.0.113.7", "bob");

            ko(call(eve, Message.of("BANS").put("room", "room1")), "needs an operator of room1");
            ko(call(eve, Message.of("BANS")), "needs a server operator");

            ok(call(alice, Message.of("OP").put("room", "room2").put("pseudo", "oldie")));
            assertThat(old.ask("LOGIN \"oldie\" \"" + ModServer.PASSWORD + "\"")).startsWith("DISPLAY_ROOM");
            old.send("BANS \"room2\"");
            assertThat(old.read()).startsWith("BANNED \"*\" \"ip:203.0.113.7\" \"alice\" \"permanent\" \"botnet\" \"server\"");
            assertThat(old.read()).isEqualTo("BANNED \"room2\" \"mallory\" \"alice\" \"permanent\" \"\" \"room\"");
            assertThat(old.read()).isEqualTo("OK");
        }
    }
}
