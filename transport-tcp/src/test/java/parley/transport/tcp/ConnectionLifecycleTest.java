package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import tools.jackson.databind.JsonNode;

/** Keepalive, idle timeouts, slow readers, the connection limit and graceful shutdown. */
class ConnectionLifecycleTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void silentFramedClientGetsPingThenIsClosedAtTheIdleTimeout() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("keepalive", "200ms", "idle-timeout", "1s"));
             RawClient raw = RawClient.connect(server.address())) {
            raw.json("{\"type\":\"ECHO\",\"text\":\"hi\"}");
            assertThat(raw.readJson().get("type").asString()).isEqualTo("ECHO");
            assertThat(raw.readJson().get("type").asString()).isEqualTo("PING");
            JsonNode error = raw.readJson();
            assertThat(error.get("type").asString()).isEqualTo("ERROR");
            assertThat(error.get("reason").asString()).contains("idle timeout");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void clientThatAnswersPingStaysConnectedPastTheIdleTimeout() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("keepalive", "100ms", "idle-timeout", "400ms"));
             ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            client.call(Message.of("ECHO"), LONG); // the first byte tells the server the form; PINGs follow
            long until = System.nanoTime() + Duration.ofMillis(1500).toNanos();
            await().atMost(LONG).until(() -> System.nanoTime() > until); // lives through several idle periods
            assertThat(client.isOpen()).isTrue();
            assertThat(client.call(Message.of("ECHO").put("text", "alive"), LONG).text("text")).isEqualTo("alive");
        }
    }

    @Test
    void connectionThatNeverSendsAByteIsDroppedAtTheFirstBytesTimeout() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("first-bytes-timeout", "300ms"));
             RawClient raw = RawClient.connect(server.address())) {
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void legacyClientsGetNoPingAndNoIdleTimeoutByDefault() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("keepalive", "100ms", "idle-timeout", "300ms"));
             RawClient raw = RawClient.connect(server.address())) {
            raw.line("ECHO \"one\"");
            assertThat(raw.readLine()).isEqualTo("ECHO \"one\"");
            long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
            await().atMost(LONG).until(() -> System.nanoTime() > until);
            raw.line("ECHO \"two\"");
            assertThat(raw.readLine()).isEqualTo("ECHO \"two\""); // no PING line came first
        }
    }

    @Test
    void readerThatNeverReadsIsDisconnectedWhileOthersGetEverything() throws Exception {
        int messages = 20_000;
        int window = 500;
        String filler = "x".repeat(1000); // 20 MB in all: more than the stuck socket and its 4 MiB queue hold
        try (ParleyServer server = TestServers.start();
             RawClient stuck = RawClient.connect(server.address());
             ParleyClient sender = ParleyClient.connect("127.0.0.1", server.address().getPort());
             ParleyClient reader = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            stuck.json("{\"type\":\"LOGIN\",\"pseudo\":\"stuck\"}"); // then never reads again
            sender.login("sender");
            reader.login("reader");
            AtomicInteger received = new AtomicInteger();
            List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
            reader.onPush(m -> {
                if ("SHOUT".equals(m.type())) {
                    order.add(m.text("text"));
                    received.incrementAndGet();
                }
            });
            for (int i = 0; i < messages; i++) {
                sender.request(Message.of("SHOUT").put("text", i + ":" + filler));
                if ((i + 1) % window == 0) { // keep the healthy reader's backlog far below its queue limit
                    int sent = i + 1;
                    await().atMost(LONG).until(() -> received.get() >= sent);
                }
            }
            await().atMost(LONG).until(() -> received.get() == messages);
            for (int i = 0; i < messages; i++) {
                assertThat(order.get(i)).startsWith(i + ":");
            }
            await().atMost(LONG).until(() -> server.context().sessions().loggedIn().size() == 2);
            assertThat(sender.isOpen()).isTrue();
        }
    }

    @Test
    void connectionsOverTheLimitGetErrorAndAreClosed() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("max-connections", "2"));
             ParleyClient one = ParleyClient.connect("127.0.0.1", server.address().getPort());
             ParleyClient two = ParleyClient.connect("127.0.0.1", server.address().getPort());
             RawClient three = RawClient.connect(server.address())) {
            one.call(Message.of("ECHO"), LONG);
            two.call(Message.of("ECHO"), LONG);
            three.json("{\"type\":\"ECHO\"}");
            JsonNode error = three.readJson();
            assertThat(error.get("reason").asString()).contains("server full");
            assertThat(three.closedByServer()).isTrue();
            one.close();
            await().atMost(LONG).untilAsserted(() -> {
                try (RawClient four = RawClient.connect(server.address())) {
                    four.json("{\"type\":\"ECHO\",\"text\":\"in\"}");
                    assertThat(four.readJson().get("text").asString()).isEqualTo("in");
                }
            });
        }
    }

    @Test
    void shutdownTellsEveryClientThenCloses() throws Exception {
        ParleyServer server = TestServers.start();
        try (ParleyClient framed = ParleyClient.connect("127.0.0.1", server.address().getPort());
             RawClient legacy = RawClient.connect(server.address())) {
            framed.call(Message.of("ECHO"), LONG);
            legacy.line("ECHO \"x\"");
            legacy.readLine();
            server.close();
            Message notice = framed.awaitPush("SHUTDOWN", LONG);
            assertThat(notice.text("reason")).contains("shutting down");
            assertThat(legacy.readLine()).isEqualTo("SHUTDOWN \"server shutting down\"");
            assertThat(legacy.closedByServer()).isTrue();
            assertThat(framed.closed().get(20, java.util.concurrent.TimeUnit.SECONDS)).isNotBlank();
        }
    }

    @Test
    void busyPortIsReportedClearly() throws Exception {
        try (ParleyServer first = TestServers.start()) {
            int port = first.address().getPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServers.start(Map.of("port", Integer.toString(port))))
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + port)
                    .hasMessageContaining("--port");
        }
    }
}
