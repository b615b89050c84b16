package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Request;
import parley.api.plugin.Plugin;
import parley.api.server.ParleyServer;
import parley.api.spi.Command;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** The README's HELLO plugin, asked by a real text client: its reply's text reaches the client. */
class LegacyReplyTest {

    /** HELLO "name" → HELLO {"text": "hello, name"}: a reply of the verb's type with another field. */
    record Hello() implements Command {
        @Override
        public String verb() {
            return "HELLO";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("name");
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of("HELLO").put("text", "hello, " + request.require("name")));
        }
    }

    @Test
    void aReplyWithOtherFieldsThanItsRequestKeepsThem() throws Exception {
        ParleyServer server = TestServer.start(Map.of(), Plugin.builder("hello").command(Hello::new).build());
        try (LegacyClient text = TestServer.legacy(server)) {
            assertThat(text.ask("HELLO \"bob\"")).isEqualTo("HELLO \"hello, bob\"");
            assertThat(text.ask("LOGIN \"lr-bob\"")).startsWith("DISPLAY_ROOM");
            assertThat(text.ask("JOIN_ROOM \"room1\"")).isEqualTo("OK");
        } finally {
            server.close();
        }
    }
}
