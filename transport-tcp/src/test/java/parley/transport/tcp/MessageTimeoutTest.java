package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/** A frame or line begun and never finished (a trickle) is closed at the message timeout; a quiet client is not. */
class MessageTimeoutTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void aLineThatNeverEndsIsClosedWithAReasonAndAQuietClientStays() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("message-timeout", "400ms", "login-timeout", "0"));
             RawClient trickler = RawClient.connect(server.address());
             ParleyClient quiet = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            quiet.login("quiet");
            trickler.line("PING");
            assertThat(trickler.readLine()).isEqualTo("PONG");
            trickler.raw("ECHO \"and then nothing more".getBytes());
            assertThat(trickler.readLine()).isEqualTo("ERROR \"a message took longer than 400 ms to arrive whole"
                    + " (message-timeout): a client that trickles is closed\"");
            assertThat(trickler.closedByServer()).isTrue();
            assertThat(quiet.call(Message.of("ECHO").put("text", "here"), LONG).text("text")).isEqualTo("here");
        }
    }

    @Test
    void aFrameBegunAndNeverFinishedIsClosedToo() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("message-timeout", "400ms"));
             RawClient trickler = RawClient.connect(server.address())) {
            trickler.json("{\"type\":\"PING\"}");
            assertThat(trickler.readJson().get("type").asString()).isEqualTo("PONG");
            trickler.raw(new byte[] {0, 0, 0, 50, '{', '"'});
            var error = trickler.readJson();
            assertThat(error.get("type").asString()).isEqualTo("ERROR");
            assertThat(error.get("reason").asString()).contains("message-timeout");
            assertThat(trickler.closedByServer()).isTrue();
        }
    }
}
