package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;
import parley.testkit.LegacyClient;

/** JOIN_ROOM, MSG and BYE in both forms, with every KO rule. */
class ChatTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        // these tests close their clients and expect them gone at once: no resume window (ResumeTest has its own)
        server = TestServer.start(java.util.Map.of("resume-window", "0"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void joinAnswersOkWithTheMembersAndTellsTheOthers() throws Exception {
        try (ParleyClient alice = TestServer.loggedIn(server, "j-alice");
             ParleyClient bob = TestServer.loggedIn(server, "j-bob")) {
            assertThat(Chat.join(alice, "room1")).containsExactly("j-alice");
            Message ok = bob.call(Message.of("JOIN_ROOM").put("room", "room1").put("seq", 5), LONG);
            assertThat(ok.toString()).isEqualTo(
                    "{\"type\":\"OK\",\"room\":\"room1\",\"members\":[\"j-alice\",\"j-bob\"],\"seq\":5}");
            Message joined = alice.awaitPush("JOINED", LONG);
            assertThat(unstamped(joined)).isEqualTo("{\"type\":\"JOINED\",\"room\":\"room1\",\"pseudo\":\"j-bob\"}");
            Chat.leave(bob, "room1");
            Chat.leave(alice, "room1");
        }
    }

    @Test
    void joinKoRules() throws Exception {
        try (ParleyClient anonymous = TestServer.client(server);
             ParleyClient carol = TestServer.loggedIn(server, "j-carol");
             LegacyClient legacy = new LegacyClient(server.address())) {
            Message notLogged = anonymous.call(Message.of("JOIN_ROOM").put("room", "room1"), LONG);
            assertThat(notLogged.type()).isEqualTo("KO");
            assertThat(notLogged.text("reason")).contains("not logged in");
            assertThatThrownBy(() -> Chat.join(carol, "nowhere"))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining("unknown room 'nowhere': this server has room1, room2, room3");
            assertThat(legacy.ask("JOIN_ROOM \"room1\"")).startsWith("KO \"not logged in");
            legacy.ask("LOGIN \"j-legacy\"");
            assertThat(legacy.ask("JOIN_ROOM \"room9\"")).startsWith("KO \"unknown room 'room9'");
            assertThat(legacy.ask("JOIN_ROOM \"room2\"")).isEqualTo("OK");
        }
    }

    @Test
    void aUserMayBeInSeveralRooms() throws Exception {
        try (ParleyClient dan = TestServer.loggedIn(server, "s-dan");
             ParleyClient eve = TestServer.loggedIn(server, "s-eve")) {
            Chat.join(dan, "room2");
            Chat.join(dan, "room3");
            Chat.join(eve, "room2");
            Chat.join(eve, "room3");
            Chat.say(dan, "room2", "in two");
            Chat.say(dan, "room3", "in three");
            assertThat(eve.awaitPush("MSG", LONG).text("room")).isEqualTo("room2");
            assertThat(eve.awaitPush("MSG", LONG).text("room")).isEqualTo("room3");
        }
    }

    @Test
    void msgGoesToEveryOtherMemberAndTheSenderGetsOk() throws Exception {
        try (ParleyClient amy = TestServer.loggedIn(server, "m-amy");
             ParleyClient ben = TestServer.loggedIn(server, "m-ben");
             ParleyClient cat = TestServer.loggedIn(server, "m-cat");
             ParleyClient outsider = TestServer.loggedIn(server, "m-out")) {
            for (ParleyClient c : new ParleyClient[] {amy, ben, cat}) {
                Chat.join(c, "room3");
            }
            Chat.join(outsider, "room1");
            Message ok = amy.call(Chat.message(amy, "room3", "hello all").put("seq", "abc"), LONG);
            assertThat(unstamped(ok)).isEqualTo("{\"type\":\"OK\",\"seq\":\"abc\"}");
            for (ParleyClient c : new ParleyClient[] {ben, cat}) {
                Message msg = c.awaitPush("MSG", LONG);
                assertThat(msg.get("id")).as("the sender's OK carries the MSG's id").isEqualTo(ok.get("id"));
                assertThat(msg.get("time")).isEqualTo(ok.get("time"));
                assertThat(unstamped(msg)).isEqualTo(
                        "{\"type\":\"MSG\",\"room\":\"room3\",\"pseudo\":\"m-amy\",\"msg\":\"hello all\"}");
            }
            Chat.say(ben, "room3", "marker");
            assertThat(amy.awaitPush("MSG", LONG).text("msg")).isEqualTo("marker"); // amy never got her own
            assertThat(outsider.nextPush(Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void msgKoRules() throws Exception {
        try (ParleyClient anonymous = TestServer.client(server);
             ParleyClient fay = TestServer.loggedIn(server, "k-fay");
             ParleyClient gus = TestServer.loggedIn(server, "k-gus")) {
            Chat.join(fay, "room1");
            Chat.join(gus, "room1");
            assertThat(reason(anonymous, Message.of("MSG").put("room", "room1").put("pseudo", "x").put("msg", "hi")))
                    .contains("not logged in");
            assertThat(reason(gus, Message.of("MSG").put("room", "room1").put("pseudo", "k-fay").put("msg", "fake")))
                    .contains("you are k-gus, not k-fay");
            assertThat(reason(gus, Message.of("MSG").put("room", "room2").put("pseudo", "k-gus").put("msg", "hi")))
                    .contains("you are not in room2");
            assertThat(reason(gus, Message.of("MSG").put("room", "lost").put("pseudo", "k-gus").put("msg", "hi")))
                    .contains("unknown room 'lost'");
            assertThat(reason(gus, Message.of("MSG").put("room", "room1").put("msg", ""))).contains("empty");
            Message noText = gus.call(Message.of("MSG").put("room", "room1"), LONG);
            assertThat(noText.type()).isEqualTo("ERROR");
            assertThat(noText.text("reason")).contains("\"msg\"");
            Chat.say(gus, "room1", "only real messages got through");
            assertThat(fay.awaitPush("MSG", LONG).text("msg")).isEqualTo("only real messages got through");
        }
    }

    @Test
    void legacyAndFramedClientsInOneRoomSeeEachOther() throws Exception {
        try (ParleyClient framed = TestServer.loggedIn(server, "x-framed");
             LegacyClient legacy = new LegacyClient(server.address())) {
            Chat.join(framed, "room2");
            assertThat(legacy.ask("LOGIN \"x-legacy\"")).startsWith("DISPLAY_ROOM");
            assertThat(legacy.ask("JOIN_ROOM \"room2\"")).isEqualTo("OK");
            assertThat(framed.awaitPush("JOINED", LONG).text("pseudo")).isEqualTo("x-legacy");

            assertThat(legacy.ask("MSG \"room2\" \"x-legacy\" \"bonjour \\\"à tous\\\"\"")).isEqualTo("OK");
            Message fromLegacy = framed.awaitPush("MSG", LONG);
            assertThat(fromLegacy.text("pseudo")).isEqualTo("x-legacy");
            assertThat(fromLegacy.text("msg")).isEqualTo("bonjour \"à tous\"");

            Chat.say(framed, "room2", "hi \"old\" friend\nsecond line");
            assertThat(legacy.read()).isEqualTo("MSG \"room2\" \"x-framed\" \"hi \\\"old\\\" friend\\nsecond line\"");

            assertThat(legacy.ask("MSG \"room2\" \"x-framed\" \"impostor\"")).startsWith("KO \"you are x-legacy, not x-framed");
            assertThat(legacy.ask("BYE \"room2\" \"x-legacy\"")).isEqualTo("OK");
            Message left = framed.awaitPush("LEFT", LONG);
            assertThat(left.text("pseudo")).isEqualTo("x-legacy");
        }
    }

    @Test
    void byeLeavesOneRoomAndTellsTheOthers() throws Exception {
        try (ParleyClient hal = TestServer.loggedIn(server, "b-hal");
             ParleyClient ivy = TestServer.loggedIn(server, "b-ivy")) {
            Chat.join(hal, "room1");
            Chat.join(ivy, "room1");
            Chat.join(ivy, "room2");
            Chat.leave(ivy, "room1");
            assertThat(unstamped(hal.awaitPush("LEFT", LONG)))
                    .isEqualTo("{\"type\":\"LEFT\",\"room\":\"room1\",\"pseudo\":\"b-ivy\"}");
            assertThat(reason(ivy, Message.of("BYE").put("room", "room1"))).contains("you are not in room1");
            assertThat(reason(ivy, Message.of("BYE").put("room", "room2").put("pseudo", "b-hal"))).contains("not b-hal");
            Chat.say(ivy, "room2", "still in room2");
        }
    }

    @Test
    void framedByeWithNoRoomLogsOutAndCloses() throws Exception {
        try (ParleyClient jo = TestServer.loggedIn(server, "b-jo");
             ParleyClient kim = TestServer.loggedIn(server, "b-kim")) {
            Chat.join(jo, "room3");
            Chat.join(kim, "room3");
            Chat.join(kim, "room1");
            Chat.logout(jo);
            assertThat(jo.closed().get(20, java.util.concurrent.TimeUnit.SECONDS)).isNotBlank();
            Message left = kim.awaitPush("LEFT", LONG);
            assertThat(left.text("pseudo")).isEqualTo("b-jo");
            assertThat(left.text("reason")).isEqualTo("logged out");
            try (ParleyClient again = TestServer.client(server)) {
                again.login("b-jo"); // free at once
            }
        }
    }

    @Test
    void droppedConnectionCountsAsByeFromEveryRoom() throws Exception {
        try (ParleyClient lee = TestServer.loggedIn(server, "d-lee");
             ParleyClient max = TestServer.loggedIn(server, "d-max")) {
            Chat.join(max, "room1");
            Chat.join(max, "room2");
            Chat.join(lee, "room1");
            Chat.join(lee, "room2");
            lee.close();
            Message one = max.awaitPush("LEFT", LONG);
            Message two = max.awaitPush("LEFT", LONG);
            assertThat(java.util.List.of(one.text("room"), two.text("room"))).containsExactlyInAnyOrder("room1", "room2");
            await().atMost(LONG).until(() -> server.context().sessions().byPseudo("d-lee").isEmpty());
        }
    }

    @Test
    void legacyByeWithNoArgumentsLogsOut() throws Exception {
        try (LegacyClient legacy = new LegacyClient(server.address())) {
            legacy.ask("LOGIN \"b-old\"");
            assertThat(legacy.ask("BYE")).isEqualTo("OK");
            assertThat(legacy.closedByServer()).isTrue();
        }
    }

    private static String reason(ParleyClient client, Message request) {
        Message reply = client.call(request, LONG);
        assertThat(reply.type()).isEqualTo("KO");
        return reply.text("reason");
    }

    /** The message without its {@code id} and {@code time}, after checking their shape. */
    private static String unstamped(Message message) {
        assertThat(message.get("id").isIntegralNumber()).as("id in %s", message).isTrue();
        assertThat(message.text("time")).as("time in %s", message)
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");
        Message copy = message.copy();
        copy.body().remove("id");
        copy.body().remove("time");
        return copy.toString();
    }
}
