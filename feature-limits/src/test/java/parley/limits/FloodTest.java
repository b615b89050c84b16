package parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ClientException;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Over real sockets: a client that floods is refused with KO "rate limited", then disconnected with
 * ERROR, while another client in the same room chats on and receives every accepted message.
 */
class FloodTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    private static ParleyServer start(Map<String, String> settings) throws Exception {
        return ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0")).withAll(settings));
    }

    private static ParleyClient loggedIn(ParleyServer server, String pseudo) throws Exception {
        ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort());
        client.login(pseudo);
        client.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
        return client;
    }

    @Test
    void aFlooderIsLimitedThenDroppedAndTheOthersChatOn() throws Exception {
        try (ParleyServer server = start(Map.of("limits.requests-per-second", "2", "limits.request-burst", "10",
                "limits.flood-refusals", "30"));
             ParleyClient flooder = loggedIn(server, "f-flood");
             ParleyClient bystander = loggedIn(server, "f-calm")) {
            List<CompletableFuture<Message>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                answers.add(flooder.request(Message.of("MSG").put("room", "room1").put("msg", "spam " + i)));
            }
            await().atMost(LONG).until(() -> !flooder.isOpen());
            int ok = 0;
            int limited = 0;
            for (CompletableFuture<Message> answer : answers) {
                Message reply = answer.handle((m, e) -> m).join();
                if (reply == null) {
                    continue; // not answered: the connection closed first
                }
                if ("OK".equals(reply.type())) {
                    ok++;
                } else if ("KO".equals(reply.type())) {
                    assertThat(reply.text("reason")).startsWith("rate limited").contains("retry in");
                    limited++;
                } else {
                    assertThat(reply.type()).isEqualTo("ERROR");
                    assertThat(reply.text("reason")).startsWith("flooding");
                }
            }
            assertThat(ok).as("the burst less LOGIN and JOIN_ROOM, and what refilled meanwhile").isBetween(8, 40);
            assertThat(limited).as("the refusals before the 30th, which disconnects").isEqualTo(29);
            assertThat(flooder.closed().join()).isNotBlank();

            // every message the server accepted reached the bystander, and it chats on
            for (int i = 0; i < ok; i++) {
                assertThat(bystander.awaitPush("MSG", LONG).text("msg")).startsWith("spam ");
            }
            assertThat(bystander.call(Message.of("MSG").put("room", "room1").put("msg", "still here"), LONG).type())
                    .isEqualTo("OK");
        }
    }

    @Test
    void aClientWithinItsBurstIsNeverLimited() throws Exception {
        try (ParleyServer server = start(Map.of("limits.requests-per-second", "1", "limits.request-burst", "15"));
             ParleyClient client = loggedIn(server, "f-nice")) {
            // LOGIN and JOIN_ROOM took two tokens; thirteen more go through at once
            for (int i = 0; i < 13; i++) {
                assertThat(client.call(Message.of("MSG").put("room", "room1").put("msg", "hi " + i), LONG).type())
                        .isEqualTo("OK");
            }
            Message limited = client.call(Message.of("MSG").put("room", "room1").put("msg", "one too many"), LONG);
            assertThat(limited.type()).isEqualTo("KO");
            assertThat(limited.text("reason"))
                    .matches("rate limited: at most 1 request a second \\(a burst of 15\\); retry in \\d+ ms");
        }
    }

    @Test
    void beforeLoginToo() throws Exception {
        try (ParleyServer server = start(Map.of("limits.requests-per-second", "1", "limits.request-burst", "2",
                "limits.flood-refusals", "1000"));
             ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(client.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            assertThat(client.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            Message third = client.call(Message.of("PING"), LONG);
            assertThat(third.type()).isEqualTo("KO");
            assertThat(third.text("reason")).startsWith("rate limited");
        }
    }

    @Test
    void refusalsAreCountedInStats() throws Exception {
        try (ParleyServer server = start(Map.of("limits.requests-per-second", "1", "limits.request-burst", "1",
                "limits.flood-refusals", "1000"));
             ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort());
             ParleyClient operator = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(client.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            assertThat(client.call(Message.of("PING"), LONG).type()).isEqualTo("KO");

            Message stats = operator.call(Message.of("STATS"), LONG);

            assertThat(stats.texts("lines")).contains("limits_refused_total=1", "limits_disconnected_total=0");
        }
    }

    @Test
    void zeroTurnsTheLimitOff() throws Exception {
        try (ParleyServer server = start(Map.of("limits.requests-per-second", "0", "limits.request-burst", "1"));
             ParleyClient client = loggedIn(server, "f-free")) {
            for (int i = 0; i < 30; i++) {
                assertThat(client.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            }
        } catch (ClientException e) {
            throw new AssertionError("no limit expected", e);
        }
    }

    @Test
    void requestsCountAgainstTheByteBudgetToo() throws Exception {
        try (ParleyServer server = start(Map.of("limits.requests-per-second", "0", "limits.bytes-per-second", "1",
                "limits.byte-burst", "4KiB", "limits.flood-refusals", "1000"));
             ParleyClient client = loggedIn(server, "f-bytes")) {
            String kilobyte = "x".repeat(1000);
            int ok = 0;
            Message answer;
            while ((answer = client.call(Message.of("MSG").put("room", "room1").put("msg", kilobyte), LONG)).type().equals("OK")) {
                ok++;
                assertThat(ok).as("4KiB of burst holds at most four 1000-byte messages").isLessThanOrEqualTo(4);
            }
            assertThat(ok).as("LOGIN and JOIN_ROOM took a few dozen bytes of the burst").isEqualTo(3);
            assertThat(answer.type()).isEqualTo("KO");
            assertThat(answer.text("reason")).matches("rate limited: at most 1 bytes a second of requests and file data"
                    + " \\(a burst of 4KiB\\); retry in \\d+ ms");
            assertThat(client.call(Message.of("PING"), LONG).type()).as("a small request still fits").isEqualTo("PONG");
        }
    }
}
