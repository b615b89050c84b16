package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Request;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.server.ParleyServer;
import parley.api.spi.Command;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.Detection;
import parley.api.transport.ProtocolStream;
import tools.jackson.databind.JsonNode;

/**
 * Plugins' protocols chosen from a connection's first bytes, over real loopback sockets: a wrapping layer
 * that selects again underneath, an HTTP-like endpoint beside legacy verbs that start with GET, and a
 * client that stalls inside the head.
 */
class ProtocolSelectionTest {

    private static final byte[] MAGIC = "PLY!".getBytes(StandardCharsets.US_ASCII);

    private static ParleyServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Plugin protocols = Plugin.builder("protocol-test")
                .protocol(Wrapping::new)
                .protocol(HttpLike::new)
                .command(Conn::new)
                .command(GetIt::new)
                .build();
        server = TestServers.start(Map.of("first-bytes-timeout", "500ms"), protocols);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** How the bytes starting the stream compare with {@code prefix}. */
    static Detection startsWith(ByteBuffer head, byte[] prefix) {
        int n = Math.min(head.remaining(), prefix.length);
        for (int i = 0; i < n; i++) {
            if (head.get(head.position() + i) != prefix[i]) {
                return Detection.NO_MATCH;
            }
        }
        return n == prefix.length ? Detection.MATCH : Detection.NEED_MORE;
    }

    /** A layer in the way TLS is one: it strips a magic prefix, then lets the transport choose again, secure. */
    static final class Wrapping implements ConnectionProtocol {
        @Override
        public String name() {
            return "magic";
        }

        @Override
        public int priority() {
            return 10;
        }

        @Override
        public Detection detect(ByteBuffer head) {
            return startsWith(head, MAGIC);
        }

        @Override
        public void serve(ProtocolStream stream) throws IOException {
            ByteBuffer prefix = ByteBuffer.allocate(MAGIC.length);
            while (prefix.hasRemaining()) {
                if (stream.read(prefix) < 0) {
                    return;
                }
            }
            stream.selectAgain(stream, name(), true);
        }
    }

    /** Answers one fixed HTTP response to anything starting with {@code GET }. */
    static final class HttpLike implements ConnectionProtocol {
        @Override
        public String name() {
            return "http";
        }

        @Override
        public int priority() {
            return 5;
        }

        @Override
        public Detection detect(ByteBuffer head) {
            return startsWith(head, "GET ".getBytes(StandardCharsets.US_ASCII));
        }

        @Override
        public void serve(ProtocolStream stream) throws IOException {
            ByteBuffer in = ByteBuffer.allocate(4096);
            while (!new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                if (!in.hasRemaining() || stream.read(in) < 0) {
                    return;
                }
            }
            ByteBuffer out = ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello")
                    .getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                stream.write(out);
            }
        }
    }

    /** {@code CONN} → {@code ECHO "<protocol> secure=<flag>"}: what the session says of its connection. */
    static final class Conn implements Command {
        @Override
        public String verb() {
            return "CONN";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of("ECHO").put("text",
                    request.session().protocol() + " secure=" + request.session().secure()));
        }
    }

    /** {@code GET_IT}: a legacy verb that starts like an HTTP request, as GET_FILE does. */
    static final class GetIt implements Command {
        @Override
        public String verb() {
            return "GET_IT";
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("text?");
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of("ECHO").put("text", "got it"));
        }
    }

    @Test
    void aFramedClientInsideTheWrappingLayerIsSecureAndLayered() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.raw(MAGIC);
            raw.json("{\"type\":\"CONN\"}");
            JsonNode answer = raw.readJson();
            assertThat(answer.get("text").asString()).isEqualTo("magic/tcp/framed secure=true");
        }
    }

    @Test
    void aLegacyClientInsideTheWrappingLayerIsSecureAndLayered() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.raw("PL".getBytes(StandardCharsets.US_ASCII)); // the prefix in two writes: the head is read again
            raw.raw("Y!CONN\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(raw.readLine()).isEqualTo("ECHO \"magic/tcp/legacy secure=true\"");
        }
    }

    @Test
    void plainClientsAreNotSecure() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.line("CONN");
            assertThat(raw.readLine()).isEqualTo("ECHO \"tcp/legacy secure=false\"");
        }
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.json("{\"type\":\"CONN\"}");
            assertThat(raw.readJson().get("text").asString()).isEqualTo("tcp/framed secure=false");
        }
    }

    @Test
    void anHttpRequestGetsItsAnswerAndALegacyVerbStartingWithGetStillReachesLegacy() throws Exception {
        try (RawClient legacy = RawClient.connect(server.address());
             RawClient http = RawClient.connect(server.address())) {
            http.raw("GE".getBytes(StandardCharsets.US_ASCII));
            legacy.raw("GE".getBytes(StandardCharsets.US_ASCII));
            http.raw("T / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            legacy.raw("T_IT\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(http.readLine()).isEqualTo("HTTP/1.1 200 OK\r");
            assertThat(legacy.readLine()).isEqualTo("ECHO \"got it\"");
            StringBuilder rest = new StringBuilder();
            String line;
            while (!(line = http.readLine()).equals("\r")) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("Content-Length: 5");
            assertThatThrownBy(http::readLine).as("the body, then the server closes")
                    .isInstanceOf(EOFException.class).hasMessage("closed after: hello");
            legacy.line("CONN");
            assertThat(legacy.readLine()).isEqualTo("ECHO \"tcp/legacy secure=false\"");
        }
    }

    @Test
    void aClientThatStallsInsideTheHeadIsClosedAtTheFirstBytesTimeoutAndOthersAreServed() throws Exception {
        try (RawClient stalled = RawClient.connect(server.address());
             ParleyClient other = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(other.call(Message.of("ECHO").put("text", "here"), Duration.ofSeconds(10)).text("text"))
                    .isEqualTo("here");
            stalled.raw("G".getBytes(StandardCharsets.US_ASCII)); // HTTP needs more; then nothing more comes
            assertThat(stalled.closedByServer()).isTrue();
            assertThat(other.call(Message.of("ECHO").put("text", "still here"), Duration.ofSeconds(10)).text("text")).isEqualTo("still here");
        }
    }

    @Test
    void unknownFirstBytesAreRefusedAsBefore() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.line("hello");
            assertThat(raw.readLine()).startsWith("ERROR \"a legacy line starts with a verb in capitals");
            assertThat(raw.closedByServer()).isTrue();
        }
    }
}
