package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

class EchoTest {

    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = TestServers.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void framedRequestGetsItsAnswerWithTheSameSeq() throws Exception {
        try (ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            Message reply = client.call(Message.of("ECHO").put("text", "héllo").put("seq", 41), Duration.ofSeconds(10));
            assertThat(reply.type()).isEqualTo("ECHO");
            assertThat(reply.text("text")).isEqualTo("héllo");
            assertThat(reply.seq().intValue()).isEqualTo(41);
        }
    }

    @Test
    void clientKnowsBothEndsOfItsConnection() throws Exception {
        try (ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(client.remoteAddress().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(client.remoteAddress().getPort()).isEqualTo(server.address().getPort());
            assertThat(client.localAddress().getPort()).isNotEqualTo(server.address().getPort());
        }
    }

    @Test
    void legacyLineGetsALegacyAnswer() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.line("ECHO \"a \\\"quoted\\\" word\"");
            assertThat(raw.readLine()).isEqualTo("ECHO \"a \\\"quoted\\\" word\"");
            raw.line("PING");
            assertThat(raw.readLine()).isEqualTo("PONG");
        }
    }
}
