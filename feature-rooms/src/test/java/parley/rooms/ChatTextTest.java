package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;
import parley.rooms.api.client.Chat;

/** Chat text is text: control characters and line separators are refused, and so is a message too long. */
class ChatTextTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void textWithNewlinesTabsAndAnyScriptIsFine() {
        assertThat(ChatText.problem("bonjour\tà tous\nsecond line 😀 مرحبا", 100)).isNull();
    }

    @Test
    void controlCharactersAndSeparatorsAreRefusedNamingTheCulprit() {
        assertThat(ChatText.problem("red \u001b[31m", 100))
                .isEqualTo("message has a control character (U+001B at character 5): send text, newlines and tabs only");
        assertThat(ChatText.problem("a\u0085b", 100)).contains("U+0085");
        assertThat(ChatText.problem("a\u2028b", 100)).contains("U+2028");
        assertThat(ChatText.problem("a\rb", 100)).contains("U+000D");
        assertThat(ChatText.problem("del\u007f", 100)).contains("U+007F");
        assertThat(ChatText.problem("", 100)).startsWith("empty message");
    }

    @Test
    void lengthIsCountedInCharactersNotBytes() {
        assertThat(ChatText.problem("é".repeat(10), 10)).isNull();
        assertThat(ChatText.problem("😀".repeat(11), 10)).isEqualTo("message too long: at most 10 characters (max-message-length)");
    }

    @Test
    void overTheWireTheSenderGetsKoAndTheRoomGetsNothing() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of("max-message-length", "20"));
             ParleyClient eve = TestServer.loggedIn(server, "t-eve");
             ParleyClient tom = TestServer.loggedIn(server, "t-tom")) {
            Chat.join(eve, "room1");
            Chat.join(tom, "room1");
            Message escape = eve.call(Chat.message(eve, "room1", "\u001b[2J\u001b[Hbob: hi"), LONG);
            assertThat(escape.type()).isEqualTo("KO");
            assertThat(escape.text("reason")).contains("control character (U+001B");
            Message longOne = eve.call(Chat.message(eve, "room1", "x".repeat(21)), LONG);
            assertThat(longOne.text("reason")).isEqualTo("message too long: at most 20 characters (max-message-length)");
            Chat.say(eve, "room1", "fine\nthen");
            assertThat(tom.awaitPush("MSG", LONG).text("msg")).as("only the accepted one arrived").isEqualTo("fine\nthen");
        }
    }
}
