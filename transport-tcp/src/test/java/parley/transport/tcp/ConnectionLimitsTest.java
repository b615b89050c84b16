package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.server.ParleyServer;

/**
 * Connection limits over real sockets, decided at accept: per address (loopback's exemption turned
 * off here), a rate of new connections per address, and the server's total, which counts connections
 * that have not sent a byte yet.
 */
class ConnectionLimitsTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void oneAddressMayHoldOnlySoManyConnections() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("max-connections-per-ip", "3", "ip-limit-exempt", "",
                "new-connections-per-ip", "0"))) {
            List<RawClient> held = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    RawClient client = RawClient.connect(server.address());
                    held.add(client);
                    client.line("PING");
                    assertThat(client.readLine()).isEqualTo("PONG");
                }
                try (RawClient fourth = RawClient.connect(server.address())) {
                    fourth.line("PING");
                    assertThat(fourth.readLine()).startsWith("ERROR \"too many connections from 127.0.0.1: at most 3 at once");
                    assertThat(fourth.closedByServer()).isTrue();
                }
                held.remove(0).close();
                await().atMost(LONG).untilAsserted(() -> { // once the server saw it go, on the reader's thread
                    try (RawClient again = RawClient.connect(server.address())) {
                        again.line("PING");
                        assertThat(again.readLine()).isEqualTo("PONG");
                    }
                });
                held.get(0).line("PING");
                assertThat(held.get(0).readLine()).as("the others were never disturbed").isEqualTo("PONG");
            } finally {
                for (RawClient client : held) {
                    client.close();
                }
            }
        }
    }

    @Test
    void anAddressThatConnectsTooFastIsToldToWait() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("new-connections-per-ip", "1", "new-connections-burst", "2",
                "ip-limit-exempt", ""));
             RawClient first = RawClient.connect(server.address());
             RawClient second = RawClient.connect(server.address());
             RawClient third = RawClient.connect(server.address())) {
            third.json("{\"type\":\"PING\"}");
            var error = third.readJson();
            assertThat(error.get("type").asString()).isEqualTo("ERROR");
            assertThat(error.get("reason").asString()).startsWith("connecting too fast from 127.0.0.1").contains("try again in");
            first.line("PING");
            assertThat(first.readLine()).isEqualTo("PONG");
        }
    }

    @Test
    void connectionsThatSayNothingCountTowardsTheServersLimit() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("max-connections", "2"));
             RawClient silent1 = RawClient.connect(server.address());
             RawClient silent2 = RawClient.connect(server.address());
             RawClient third = RawClient.connect(server.address())) {
            third.line("PING");
            assertThat(third.readLine()).isEqualTo("ERROR \"server full: it allows 2 connections; try again later\"");
            assertThat(third.closedByServer()).isTrue();
        }
    }
}
