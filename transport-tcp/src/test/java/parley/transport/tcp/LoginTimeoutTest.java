package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/** A connection that never logs in gives its slot back at the login timeout; one that logged in stays. */
class LoginTimeoutTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void aConnectionWithoutLoginIsClosedWithAReasonAndALoggedInOneStays() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("login-timeout", "300ms"));
             RawClient lurker = RawClient.connect(server.address());
             ParleyClient member = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            member.login("stays");
            lurker.line("PING");
            assertThat(lurker.readLine()).isEqualTo("PONG");
            assertThat(lurker.readLine()).isEqualTo("ERROR \"login timeout: no LOGIN within 300 ms (login-timeout);"
                    + " send LOGIN with your pseudo first\"");
            assertThat(lurker.closedByServer()).isTrue();
            long until = System.nanoTime() + Duration.ofMillis(900).toNanos();
            await().atMost(LONG).until(() -> System.nanoTime() > until); // several login timeouts later
            assertThat(member.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            assertThat(member.isOpen()).isTrue();
        }
    }

    @Test
    void zeroMeansNoLoginTimeout() throws Exception {
        try (ParleyServer server = TestServers.start(Map.of("login-timeout", "0", "legacy-idle-timeout", "0"));
             RawClient lurker = RawClient.connect(server.address())) {
            lurker.line("PING");
            assertThat(lurker.readLine()).isEqualTo("PONG");
            long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
            await().atMost(LONG).until(() -> System.nanoTime() > until);
            lurker.line("PING");
            assertThat(lurker.readLine()).isEqualTo("PONG");
        }
    }
}
