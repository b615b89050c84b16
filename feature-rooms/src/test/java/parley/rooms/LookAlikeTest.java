package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** Over real sockets: while alice is online, nobody logs in under a name that reads as hers. */
class LookAlikeTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void lookAlikesOfAnOnlinePseudoAreRefusedWithTheReason() throws Exception {
        try (ParleyServer server = TestServer.start();
             ParleyClient alice = TestServer.loggedIn(server, "alice");
             ParleyClient mallory = TestServer.client(server)) {
            assertThat(login(mallory, "ａｌｉｃｅ")).isEqualTo("pseudo 'ａｌｉｃｅ' is taken (it reads as 'alice'): choose another one");
            assertThat(login(mallory, "ALİCE")).isEqualTo("pseudo 'ALİCE' is taken (it reads as 'alice'): choose another one");
            assertThat(login(mallory, "𝐚𝐥𝐢𝐜𝐞")).contains("is taken (it reads as 'alice')");
            assertThat(login(mallory, "аlice")).startsWith("invalid pseudo 'аlice': it mixes scripts");
            assertThat(login(mallory, "ᴀlice")).startsWith("invalid pseudo 'ᴀlice': character 1 (U+1D00) is a phonetic letter");
            assertThat(login(mallory, "ali\u200Bce")).contains("U+200B");
            assertThat(login(mallory, "Alice")).isEqualTo("pseudo 'Alice' is taken: choose another one");
            try (ParleyClient ape = TestServer.loggedIn(server, "ape")) {
                assertThat(login(mallory, "аре")).as("all Cyrillic").isEqualTo("pseudo 'аре' is taken (it reads as 'ape'): choose another one");
            }
            assertThat(mallory.call(Message.of("LOGIN").put("pseudo", "mallory"), LONG).type()).isEqualTo("DISPLAY_ROOM");
            assertThat(alice.isOpen()).isTrue();
        }
    }

    private static String login(ParleyClient client, String pseudo) {
        Message reply = client.call(Message.of("LOGIN").put("pseudo", pseudo), LONG);
        assertThat(reply.type()).isEqualTo("KO");
        return reply.text("reason");
    }
}
