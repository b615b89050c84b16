package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.client.RecordingShell;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** The terminal client's room commands, typed into a recording shell against a real server. */
class RoomsClientTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    private static void awaitLine(RecordingShell shell, Predicate<String> matching) {
        await().atMost(LONG).until(() -> shell.lines().stream().anyMatch(matching));
    }

    @Test
    void loginListsTheRoomsOnceAndWhoSaysWhyItCannotAnswer() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of("rooms", "lobby,quiet"));
             ParleyClient client = TestServer.client(server)) {
            RecordingShell shell = new RecordingShell(client, Config.empty(), List.of(new RoomsClient()));
            client.login("rc-alice");
            shell.loggedIn();
            assertThat(shell.lines()).filteredOn(l -> l.startsWith("rooms:")).hasSize(1);

            shell.run("/who");
            awaitLine(shell, l -> l.equals("! you are in no room: /who <room> for one you joined, /join lobby first"));
            shell.run("/who quiet");
            awaitLine(shell, l -> l.equals("! you are not in quiet: /join quiet to see who is there"));
            shell.run("/who nowhere");
            awaitLine(shell, l -> l.equals("! there is no room 'nowhere' here: the rooms are lobby, quiet"));
            shell.run("/join quiet");
            shell.run("/who");
            awaitLine(shell, l -> l.equals("quiet: rc-alice"));
        }
    }
}
