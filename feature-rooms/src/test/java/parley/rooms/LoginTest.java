package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.rooms.api.client.Chat;
import parley.api.client.RefusedException;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;
import parley.testkit.LegacyClient;

class LoginTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void framedLoginAnswersDisplayRoomWithTheSeq() throws Exception {
        try (ParleyClient client = TestServer.client(server)) {
            Message reply = client.call(Message.of("LOGIN").put("pseudo", "alice").put("seq", 7), LONG);
            assertThat(reply.type()).isEqualTo("DISPLAY_ROOM");
            assertThat(reply.texts("rooms")).containsExactly("room1", "room2", "room3");
            assertThat(reply.seq().intValue()).isEqualTo(7);
            assertThat(reply.text("resume")).as("a resume token of 256 random bits, base64url").matches("[A-Za-z0-9_-]{43}");
        }
    }

    @Test
    void legacyLoginAnswersTheSeedLine() throws Exception {
        try (LegacyClient legacy = new LegacyClient(server.address())) {
            assertThat(legacy.ask("LOGIN \"bob\"")).isEqualTo("DISPLAY_ROOM \"room1\" \"room2\" \"room3\"");
        }
    }

    @Test
    void pseudoIsUniqueIgnoringCaseInBothForms() throws Exception {
        try (ParleyClient carol = TestServer.loggedIn(server, "Carol");
             ParleyClient other = TestServer.client(server);
             LegacyClient legacy = new LegacyClient(server.address())) {
            assertThatThrownBy(() -> other.login("carol"))
                    .isInstanceOf(RefusedException.class).hasMessageContaining("'carol' is taken");
            assertThat(legacy.ask("LOGIN \"CAROL\"")).isEqualTo("KO \"pseudo 'CAROL' is taken: choose another one\"");
            assertThat(carol.isOpen()).isTrue();
        }
    }

    @Test
    void invalidPseudosGetKo() throws Exception {
        try (ParleyClient client = TestServer.client(server)) {
            for (String bad : new String[] {"", "two words", "x".repeat(33), "semi;colon", "ünïcode ok?"}) {
                Message reply = client.call(Message.of("LOGIN").put("pseudo", bad), LONG);
                assertThat(reply.type()).as(bad).isEqualTo("KO");
                assertThat(reply.text("reason")).startsWith("invalid pseudo");
            }
            assertThat(client.call(Message.of("LOGIN").put("pseudo", "Zoé.b-1_"), LONG).type()).isEqualTo("DISPLAY_ROOM");
        }
    }

    @Test
    void missingPseudoIsAnError() throws Exception {
        try (ParleyClient client = TestServer.client(server);
             LegacyClient legacy = new LegacyClient(server.address())) {
            Message reply = client.call(Message.of("LOGIN"), LONG);
            assertThat(reply.type()).isEqualTo("ERROR");
            assertThat(reply.text("reason")).contains("\"pseudo\"");
            assertThat(legacy.ask("LOGIN")).isEqualTo("ERROR \"LOGIN takes 1 to 2 arguments, got 0: use LOGIN \\\"pseudo\\\" [\\\"password\\\"]\"");
        }
    }

    @Test
    void secondLoginOnTheSameConnectionGetsKo() throws Exception {
        try (ParleyClient client = TestServer.loggedIn(server, "dave");
             LegacyClient legacy = new LegacyClient(server.address())) {
            Message reply = client.call(Message.of("LOGIN").put("pseudo", "dave2"), LONG);
            assertThat(reply.type()).isEqualTo("KO");
            assertThat(reply.text("reason")).contains("already logged in as dave");
            legacy.ask("LOGIN \"erin\"");
            assertThat(legacy.ask("LOGIN \"erin2\"")).startsWith("KO ");
        }
    }

    @Test
    void pseudoIsFreeAgainAtOnceWhenTheConnectionDrops() throws Exception {
        ParleyClient first = TestServer.loggedIn(server, "frank");
        first.close();
        await().atMost(LONG).untilAsserted(() -> {
            try (ParleyClient second = TestServer.client(server)) {
                assertThat(Chat.login(second, "frank")).containsExactly("room1", "room2", "room3");
            }
        });
    }

    @Test
    void roomsComeFromConfig() throws Exception {
        try (ParleyServer custom = TestServer.start(Map.of("rooms", "lobby, dev,ops"));
             ParleyClient client = TestServer.client(custom)) {
            assertThat(Chat.login(client, "gina")).containsExactly("lobby", "dev", "ops");
        }
    }

    @Test
    void badRoomConfigStopsTheRoomsPluginWithAReason() throws Exception {
        try (ParleyServer custom = TestServer.start(Map.of("rooms", "ok,not ok"))) {
            assertThat(custom.failures()).anySatisfy(f -> {
                assertThat(f.plugin()).isEqualTo("rooms");
                assertThat(f.reason()).contains("bad room name 'not ok'");
            });
            assertThat(custom.verbs()).contains("LOGIN").doesNotContain("JOIN_ROOM", "MSG"); // LOGIN is the kernel's
        }
    }
}
