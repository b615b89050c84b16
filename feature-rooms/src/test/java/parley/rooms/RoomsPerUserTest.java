package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** Over real sockets: a session is in at most max-rooms-per-user rooms at once; leaving one makes room. */
class RoomsPerUserTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void pastTheMostAJoinGetsKoAndLeavingOneMakesRoom() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of("rooms", "a,b,c", "max-rooms-per-user", "2"));
             ParleyClient alice = TestServer.loggedIn(server, "alice");
             LegacyClient bob = new LegacyClient(server.address())) {
            assertThat(join(alice, "a").type()).isEqualTo("OK");
            assertThat(join(alice, "b").type()).isEqualTo("OK");

            Message third = join(alice, "c");
            assertThat(third.type()).isEqualTo("KO");
            assertThat(third.text("reason")).isEqualTo(
                    "you are in 2 rooms already, this server's most (max-rooms-per-user): leave one with BYE first");
            assertThat(join(alice, "b").type()).as("joining a room one is in is no new room").isEqualTo("OK");

            assertThat(alice.call(Message.of("BYE").put("room", "a"), LONG).type()).isEqualTo("OK");
            assertThat(join(alice, "c").type()).isEqualTo("OK");

            bob.ask("LOGIN \"bob\"");
            assertThat(bob.ask("JOIN_ROOM \"a\"")).isEqualTo("OK");
            assertThat(bob.ask("JOIN_ROOM \"b\"")).isEqualTo("OK");
            assertThat(bob.ask("JOIN_ROOM \"c\"")).startsWith("KO \"you are in 2 rooms already");
        }
    }

    private static Message join(ParleyClient client, String room) {
        return client.call(Message.of("JOIN_ROOM").put("room", room), LONG);
    }
}
