package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of bad input gets a clear answer, and a bystander connected all along keeps being served.
 */
class BadInputTest {

    private static ParleyServer server;
    private ParleyClient bystander;

    @BeforeAll
    static void startServer() throws Exception {
        server = TestServers.start(Map.of("max-frame-bytes", "4096"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void connectBystander() throws Exception {
        bystander = ParleyClient.connect("127.0.0.1", server.address().getPort());
        assertThat(echo(bystander, "before")).isEqualTo("before");
    }

    @AfterEach
    void bystanderStillServed() {
        assertThat(echo(bystander, "after")).isEqualTo("after");
        bystander.close();
    }

    @Test
    void oversizedLengthIsRefusedBeforeReadingThenClosed() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            // claims 2 GiB, sends nothing more: the server must answer from the header alone
            raw.raw(new byte[] {(byte) 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
            JsonNode error = raw.readJson();
            assertThat(error.get("type").asString()).isEqualTo("ERROR");
            assertThat(error.get("reason").asString()).contains("2147483647 bytes").contains("4096").contains("max-frame-bytes");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void lengthJustOverTheLimitIsRefused() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.frame(("{\"type\":\"ECHO\",\"text\":\"" + "x".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readJson().get("type").asString()).isEqualTo("ERROR");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "not json at all",
            "{\"type\":\"ECHO\"",
            "[1,2,3]",
            "\"just a string\"",
            "42",
            "{}",
            "{\"type\":7}",
            "{\"type\":\"\"}",
            "{\"type\":\"ECHO\",\"type\":\"CRASH\"}",
            "{\"type\":\"ECHO\"} trailing",
            "{\"type\":\"NO_SUCH_VERB\"}",
            "{\"type\":\"ECHO\",\"seq\":1.5}",
            "{\"type\":\"ECHO\",\"seq\":{\"a\":1}}",
    })
    void badPayloadGetsErrorAndTheConnectionStaysOpen(String payload) throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.json(payload);
            JsonNode error = raw.readJson();
            assertThat(error.get("type").asString()).isEqualTo("ERROR");
            assertThat(error.get("reason").asString()).isNotBlank();
            raw.json("{\"type\":\"ECHO\",\"text\":\"still here\"}");
            assertThat(raw.readJson().get("text").asString()).isEqualTo("still here");
        }
    }

    @Test
    void invalidUtf8GetsError() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            byte[] payload = "{\"type\":\"ECHO\",\"text\":\"??\"}".getBytes(StandardCharsets.US_ASCII);
            payload[23] = (byte) 0xC0; // an overlong encoding of '/'
            payload[24] = (byte) 0xAF;
            raw.frame(payload);
            JsonNode error = raw.readJson();
            assertThat(error.get("reason").asString()).contains("UTF-8");
            raw.json("{\"type\":\"ECHO\",\"text\":\"ok\"}");
            assertThat(raw.readJson().get("text").asString()).isEqualTo("ok");
        }
    }

    @Test
    void deepNestingGetsError() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.json("{\"type\":\"ECHO\",\"x\":" + "[".repeat(500) + "]".repeat(500) + "}");
            assertThat(raw.readJson().get("type").asString()).isEqualTo("ERROR");
        }
    }

    @Test
    void emptyPayloadGetsError() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.frame(new byte[0]);
            assertThat(raw.readJson().get("reason").asString()).contains("empty");
        }
    }

    @Test
    void truncatedFrameThenCloseLeavesTheServerUnharmed() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.raw(new byte[] {0, 0, 0, 100});
            raw.raw("{\"type\":\"EC".getBytes(StandardCharsets.UTF_8));
        }
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.raw(new byte[] {0, 0});
        }
        // the bystander check in @AfterEach, and a fresh connection, show the server is fine
        try (ParleyClient fresh = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(echo(fresh, "fresh")).isEqualTo("fresh");
        }
    }

    @Test
    void pluginThatThrowsGivesErrorNamingItAndTheConnectionStays() throws Exception {
        Message reply = bystander.call(Message.of("CRASH"), Duration.ofSeconds(10));
        assertThat(reply.type()).isEqualTo("ERROR");
        assertThat(reply.text("reason")).contains("internal error").contains("CRASH").contains("transport-test");
    }

    @Test
    void legacyTextThatIsNotAVerbGetsATextErrorAndIsClosed() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.line("login \"alice\"");
            assertThat(raw.readLine()).startsWith("ERROR \"a legacy line starts with a verb in capitals");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void badLegacyLinesGetErrorsAndTheConnectionStaysOpen() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.line("ECHO \"never closed");
            assertThat(raw.readLine()).startsWith("ERROR \"unterminated quote");
            raw.line("ECHO \"one\" \"two\"");
            assertThat(raw.readLine()).startsWith("ERROR \"ECHO takes 0 to 1 arguments, got 2");
            raw.line("NOPE");
            assertThat(raw.readLine()).startsWith("ERROR \"unknown type 'NOPE'");
            raw.line("ECHO lower");
            assertThat(raw.readLine()).isEqualTo("ECHO \"lower\"");
            raw.raw(new byte[] {'E', 'C', 'H', 'O', ' ', '"', (byte) 0xFF, '"', '\n'});
            assertThat(raw.readLine()).contains("not valid UTF-8");
            raw.raw("ECHO \"crlf\"\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readLine()).isEqualTo("ECHO \"crlf\"");
            raw.line("");
            raw.line("ECHO \"after a blank line\"");
            assertThat(raw.readLine()).isEqualTo("ECHO \"after a blank line\"");
        }
    }

    @Test
    void legacyLineOverTheLimitIsRefusedAndClosed() throws Exception {
        try (RawClient raw = RawClient.connect(server.address())) {
            raw.raw(("ECHO \"" + "y".repeat(10_000)).getBytes(StandardCharsets.UTF_8));
            assertThat(raw.readLine()).startsWith("ERROR \"line longer than this server's limit of 4096 bytes");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void requestBeforeLoginGetsKo() throws Exception {
        Message reply = bystander.call(Message.of("SHOUT").put("text", "hi"), Duration.ofSeconds(10));
        assertThat(reply.type()).isEqualTo("KO");
        assertThat(reply.text("reason")).contains("LOGIN");
    }

    private static String echo(ParleyClient client, String text) {
        return client.call(Message.of("ECHO").put("text", text), Duration.ofSeconds(10)).text("text");
    }
}
