package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;
import parley.testkit.Pace;

/**
 * A thousand connections that send a byte of a line now and then (a slowloris) beside fifty members
 * chatting: the members' messages all arrive, and the slow ones cost only their sockets.
 */
class SlowConnectionsTest {

    private static final Duration LONG = Duration.ofSeconds(60);

    @Test
    void aThousandTricklingConnectionsDoNotSlowFiftyChattingMembersDown() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of("legacy-idle-timeout", "0"))) {
            List<Socket> slow = new ArrayList<>();
            List<ParleyClient> members = new ArrayList<>();
            try {
                for (int i = 0; i < 1000; i++) {
                    Socket socket = new Socket("127.0.0.1", server.address().getPort());
                    socket.getOutputStream().write('J'); // a legacy line that never ends
                    slow.add(socket);
                }
                Pace trickle = Pace.every(Duration.ofMillis(300), () -> {
                    for (Socket socket : slow) {
                        socket.getOutputStream().write('O');
                    }
                    return true;
                });
                AtomicInteger received = new AtomicInteger();
                for (int i = 0; i < 50; i++) {
                    ParleyClient member = TestServer.loggedIn(server, "m" + i);
                    member.onPush(m -> {
                        if ("MSG".equals(m.type())) {
                            received.incrementAndGet();
                        }
                    });
                    Chat.join(member, "room3");
                    members.add(member);
                }
                for (int round = 0; round < 10; round++) {
                    for (ParleyClient member : members) {
                        member.request(Chat.message(member, "room3", "round " + round));
                    }
                }
                int expected = 50 * 49 * 10;
                await().atMost(LONG).until(() -> received.get() >= expected);
                assertThat(received.get()).isEqualTo(expected);
                assertThat(server.context().sessions().connections()).as("the slow ones are still there, harmless")
                        .isGreaterThanOrEqualTo(1050);
                trickle.close();
            } finally {
                for (ParleyClient member : members) {
                    member.close();
                }
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }
}
