package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;

/** Resuming over real sockets: the rooms keep a dropped member, with no JOINED or LEFT, until its window ends. */
class ResumeTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private ParleyServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    /** Every push a client gets, in order. */
    private static List<Message> recording(ParleyClient client) {
        List<Message> pushes = new CopyOnWriteArrayList<>();
        client.onPush(pushes::add);
        return pushes;
    }

    private static List<String> noise(List<Message> pushes, String pseudo) {
        return pushes.stream().filter(p -> (p.type().equals("JOINED") || p.type().equals("LEFT")) && pseudo.equals(p.text("pseudo")))
                .map(Message::toString).toList();
    }

    @Test
    void aDroppedMemberComesBackToItsRoomsWithoutNoiseAndLearnsWhereItWas() throws Exception {
        server = TestServer.start(Map.of());
        try (ParleyClient bob = TestServer.loggedIn(server, "bob")) {
            Chat.join(bob, "room1");
            Chat.join(bob, "room2");
            List<Message> bobSaw = recording(bob);
            ParleyClient alice = TestServer.loggedIn(server, "alice");
            Chat.join(alice, "room1");
            Chat.join(alice, "room2");
            Chat.say(bob, "room1", "before the drop");
            Message last = alice.awaitPush(p -> "before the drop".equals(p.text("msg")), LONG);
            String token = alice.resumeToken();
            alice.close(); // the socket goes, no BYE

            long away = idOf(bob, "room1", "while alice is away");
            assertThat(Chat.join(bob, "room3")).containsExactly("bob");
            try (ParleyClient back = TestServer.client(server)) {
                Message answer = back.resume("alice", token);
                assertThat(answer.get("resumed").booleanValue()).isTrue();
                assertThat(answer.texts("rooms")).containsExactly("room1", "room2", "room3");
                List<String> memberships = answer.get("memberships").valueStream()
                        .map(m -> m.get("room").stringValue() + "@" + m.get("last").longValue()).toList();
                // the server handed the dropped connection what the room pushed until it saw the drop:
                // "before the drop" for sure, "while alice is away" if the drop was seen after it
                long beforeDrop = last.get("id").longValue();
                assertThat(memberships).as("each room, with the last id the dropped connection was handed")
                        .containsAnyOf("room1@" + beforeDrop, "room1@" + away)
                        .contains("room2@" + idAfterJoin(bobSaw, "room2")).hasSize(2);
                assertThat(away).isEqualTo(beforeDrop + 1);

                Chat.say(back, "room1", "back again"); // a member already: no JOIN_ROOM
                bob.awaitPush(p -> "back again".equals(p.text("msg")), LONG);
                assertThat(Chat.join(bob, "room2")).as("bob's /who of room2").containsExactly("bob", "alice");
                assertThat(noise(bobSaw, "alice")).as("alice joined once, before the drop").hasSize(2)
                        .allMatch(p -> p.contains("JOINED"));
            }
        }
    }

    /** Says something and returns its id, from the OK's echo. */
    private static long idOf(ParleyClient client, String room, String text) {
        return client.expect(Chat.message(client, room, text), "OK").get("id").longValue();
    }

    /** The id of the last push bob saw in a room (alice's JOINED). */
    private static long idAfterJoin(List<Message> pushes, String room) {
        return pushes.stream().filter(p -> room.equals(p.text("room"))).mapToLong(p -> p.get("id").longValue()).max().orElseThrow();
    }

    @Test
    void theOthersSeeLeftOnlyWhenTheWindowEndsUnused() throws Exception {
        server = TestServer.start(Map.of("resume-window", "500ms"));
        try (ParleyClient bob = TestServer.loggedIn(server, "bob")) {
            Chat.join(bob, "room1");
            ParleyClient alice = TestServer.loggedIn(server, "alice");
            Chat.join(alice, "room1");
            String token = alice.resumeToken();
            alice.close();

            Message left = bob.awaitPush(p -> p.type().equals("LEFT"), LONG);
            assertThat(left.text("pseudo")).isEqualTo("alice");
            assertThat(left.text("reason")).isEqualTo("connection lost, not back within 500ms");
            try (ParleyClient late = TestServer.client(server)) {
                assertThatThrownBy(() -> late.resume("alice", token)).isInstanceOf(RefusedException.class)
                        .hasMessageContaining("resume refused");
            }
        }
    }

    @Test
    void whenAnotherTakesThePseudoTheOthersSeeLeftThenJoined() throws Exception {
        server = TestServer.start(Map.of());
        try (ParleyClient bob = TestServer.loggedIn(server, "bob")) {
            Chat.join(bob, "room1");
            ParleyClient alice = TestServer.loggedIn(server, "alice");
            Chat.join(alice, "room1");
            String token = alice.resumeToken();
            alice.close();
            // the server may see the drop a moment after the client: a plain LOGIN waits for the free pseudo
            ParleyClient usurper = loginWhenFree("alice");
            Chat.join(usurper, "room1");
            Message left = bob.awaitPush(p -> p.type().equals("LEFT"), LONG);
            assertThat(left.text("reason")).contains("taken by a new login");
            assertThat(bob.awaitPush(p -> p.type().equals("JOINED"), LONG).text("pseudo")).isEqualTo("alice");
            try (ParleyClient late = TestServer.client(server); usurper) {
                assertThatThrownBy(() -> late.resume("alice", token)).isInstanceOf(RefusedException.class);
            }
        }
    }

    @Test
    void byeIsNotADropAndLegacyGetsNoToken() throws Exception {
        server = TestServer.start(Map.of());
        try (ParleyClient bob = TestServer.loggedIn(server, "bob")) {
            Chat.join(bob, "room1");
            ParleyClient alice = TestServer.loggedIn(server, "alice");
            Chat.join(alice, "room1");
            String token = alice.resumeToken();
            Chat.logout(alice);
            assertThat(bob.awaitPush(p -> p.type().equals("LEFT"), LONG).text("reason")).isEqualTo("logged out");
            try (ParleyClient late = TestServer.client(server)) {
                assertThatThrownBy(() -> late.resume("alice", token)).isInstanceOf(RefusedException.class);
            }
            try (var legacy = TestServer.legacy(server)) {
                assertThat(legacy.ask("LOGIN \"carol\"")).isEqualTo("DISPLAY_ROOM \"room1\" \"room2\" \"room3\"");
            }
        }
    }

    private ParleyClient loginWhenFree(String pseudo) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (true) {
            ParleyClient client = TestServer.client(server);
            try {
                client.login(pseudo);
                return client;
            } catch (RefusedException e) {
                client.close();
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(50)).until(() -> true);
            }
        }
    }
}
