package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import tools.jackson.databind.JsonNode;

/**
 * An idle connection holds no reader thread (its read loop stops at a message boundary once it has
 * waited there through an idle sweep, {@link ReadLoop}), and one that speaks again, closes, or is
 * closed by the server is served as if its thread had waited. Counted by the {@code tcp_reader_threads} figure, which a probe reads with STATS
 * (its own reader is the one that answers, so an otherwise idle server counts 1).
 */
class IdleReadersTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    /** Long enough for an idle reader to be stopped. */
    private static final Duration TWO_SWEEPS = TcpTransport.IDLE_SWEEP.multipliedBy(2).plusMillis(200);

    @Test
    void idleConnectionsOfBothFormsHoldNoThreadAndAreAnsweredWhenTheySpeakAgain() throws Exception {
        List<RawClient> framed = new ArrayList<>();
        List<RawClient> legacy = new ArrayList<>();
        try (ParleyServer server = TestServers.start();
             ParleyClient probe = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            for (int i = 0; i < 10; i++) {
                framed.add(RawClient.connect(server.address()));
                legacy.add(RawClient.connect(server.address()));
            }
            for (int round = 1; round <= 3; round++) {
                for (int i = 0; i < 10; i++) {
                    framed.get(i).json("{\"type\":\"ECHO\",\"text\":\"f" + i + "-" + round + "\"}");
                    legacy.get(i).line("ECHO \"l" + i + "-" + round + "\"");
                }
                for (int i = 0; i < 10; i++) {
                    assertThat(framed.get(i).readJson().get("text").asString()).isEqualTo("f" + i + "-" + round);
                    assertThat(legacy.get(i).readLine()).isEqualTo("ECHO \"l" + i + "-" + round + "\"");
                }
                await().atMost(LONG).until(() -> readerThreads(probe) == 1); // the 20 idle ones hold none
            }
        } finally {
            for (RawClient client : framed) {
                client.close();
            }
            for (RawClient client : legacy) {
                client.close();
            }
        }
    }

    @Test
    void aMessageThatArrivesInPiecesKeepsItsReaderUntilItIsWhole() throws Exception {
        try (ParleyServer server = TestServers.start();
             ParleyClient probe = ParleyClient.connect("127.0.0.1", server.address().getPort());
             RawClient framed = RawClient.connect(server.address());
             RawClient legacy = RawClient.connect(server.address())) {
            framed.json("{\"type\":\"ECHO\",\"text\":\"first\"}");
            assertThat(framed.readJson().get("text").asString()).isEqualTo("first");
            legacy.line("ECHO \"first\"");
            assertThat(legacy.readLine()).isEqualTo("ECHO \"first\"");
            await().atMost(LONG).until(() -> readerThreads(probe) == 1);

            byte[] payload = "{\"type\":\"ECHO\",\"text\":\"in pieces\"}".getBytes(StandardCharsets.UTF_8);
            byte[] frame = java.nio.ByteBuffer.allocate(4 + payload.length).putInt(payload.length).put(payload).array();
            framed.raw(java.util.Arrays.copyOf(frame, 6)); // the header and two bytes of the payload
            legacy.raw("ECHO \"in pi".getBytes(StandardCharsets.UTF_8));
            await().atMost(LONG).until(() -> readerThreads(probe) == 3); // each waits inside its message,
            await().during(TWO_SWEEPS).atMost(LONG).until(() -> readerThreads(probe) == 3); // and the sweeps leave it there
            assertThat(figure(probe, "tcp_readers_awake")).as("waiting for bytes is not awake: the probe's reader only")
                    .isEqualTo(1);
            framed.raw(java.util.Arrays.copyOfRange(frame, 6, frame.length));
            legacy.raw("eces\"\n".getBytes(StandardCharsets.UTF_8));
            assertThat(framed.readJson().get("text").asString()).isEqualTo("in pieces");
            assertThat(legacy.readLine()).isEqualTo("ECHO \"in pieces\"");
            await().atMost(LONG).until(() -> readerThreads(probe) == 1);
        }
    }

    @Test
    void idleConnectionsThatCloseGiveTheirPlaceBack() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("max-connections", "3"));
             ParleyClient probe = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            for (int round = 0; round < 3; round++) {
                try (RawClient framed = admitted(server, true); RawClient legacy = admitted(server, false)) {
                    await().atMost(LONG).until(() -> readerThreads(probe) == 1);
                } // both close while idle: a thread starts for each, sees the end and lets the connection go
            }
        }
    }

    @Test
    void anIdleConnectionThatTheServerClosesIsClosedAndGivesItsPlaceBack() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("keepalive", "200ms", "idle-timeout", "1s",
                "shutdown-grace", "300ms", "max-connections", "2"));
             ParleyClient probe = ParleyClient.connect("127.0.0.1", server.address().getPort());
             RawClient silent = RawClient.connect(server.address())) {
            silent.json("{\"type\":\"ECHO\",\"text\":\"in\"}");
            assertThat(silent.readJson().get("type").asString()).isEqualTo("ECHO");
            assertThat(silent.readJson().get("type").asString()).isEqualTo("PING");
            JsonNode error = silent.readJson();
            assertThat(error.get("reason").asString()).contains("idle timeout");
            assertThat(silent.closedByServer()).isTrue();
            // the silent client never closes its end: the server closes the socket after its grace, which
            // starts the idle reader's thread to end the connection and give its place back
            admitted(server, true).close();
        }
    }

    /** A client that the server admitted and answered, retrying while every place is taken. */
    private static RawClient admitted(ParleyServer server, boolean framed) {
        java.util.concurrent.atomic.AtomicReference<RawClient> admitted = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(LONG).ignoreExceptions().until(() -> {
            RawClient client = RawClient.connect(server.address());
            boolean answered = false;
            try {
                if (framed) {
                    client.json("{\"type\":\"ECHO\",\"text\":\"in\"}");
                    answered = client.readJson().toString().contains("\"text\":\"in\""); // not ERROR "server full"
                } else {
                    client.line("ECHO \"in\"");
                    answered = client.readLine().equals("ECHO \"in\"");
                }
            } finally {
                if (answered) {
                    admitted.set(client);
                } else {
                    client.close();
                }
            }
            return answered;
        });
        return admitted.get();
    }

    /** The server's count of connections with a reader thread, read with STATS. */
    private static long readerThreads(ParleyClient probe) throws Exception {
        return figure(probe, "tcp_reader_threads");
    }

    /** One of the server's figures, read with STATS. */
    private static long figure(ParleyClient probe, String name) throws Exception {
        Message stats = probe.call(Message.of("STATS"), LONG);
        for (String line : stats.texts("lines")) {
            if (line.startsWith(name + "=")) {
                return Long.parseLong(line.substring(line.indexOf('=') + 1));
            }
        }
        throw new AssertionError("no " + name + " in STATS: " + stats.texts("lines"));
    }
}
