package parley.vote;

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
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.CurrentRoom;
import parley.testkit.TestServer;

/** /vote, /yes and the result as people read them, typed into recording shells against a real server. */
class VoteClientTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private static String awaitLine(RecordingShell shell, Predicate<String> matching) {
        await().atMost(LONG).until(() -> shell.lines().stream().anyMatch(matching));
        return shell.lines().stream().filter(matching).findFirst().orElseThrow();
    }

    @Test
    void theVoterSeesItsAcknowledgementThenTheResultAndNoOneSeesIdsOrAStaleStatus() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of());
             ParleyClient aliceClient = TestServer.client(server);
             ParleyClient bobClient = TestServer.client(server)) {
            RecordingShell alice = new RecordingShell(aliceClient, Config.empty(), List.of(new VoteClient()));
            RecordingShell bob = new RecordingShell(bobClient, Config.empty(), List.of(new VoteClient()));
            aliceClient.login("vc-alice");
            bobClient.login("vc-bob");
            Chat.join(aliceClient, "room1");
            Chat.join(bobClient, "room1");
            CurrentRoom.of(alice).set("room1");
            CurrentRoom.of(bob).set("room1");

            alice.run("/vote Pizza tonight?");
            awaitLine(bob, l -> l.contains("asks room1: Pizza tonight?"));
            bob.run("/yes");

            String result = awaitLine(bob, l -> l.startsWith("= vote"));
            assertThat(result).isEqualTo("= vote in room1 \"Pizza tonight?\": yes 1, no 0, missing 0");
            List<String> bobLines = List.copyOf(bob.lines());
            int voted = bobLines.indexOf("voted yes on \"Pizza tonight?\" in room1");
            assertThat(voted).as("lines %s", bobLines).isNotNegative().isLessThan(bobLines.indexOf(result));
            assertThat(awaitLine(alice, l -> l.startsWith("= vote"))).isEqualTo(result);
            assertThat(alice.lines()).noneMatch(l -> l.matches(".*\\bs-\\d+.*"));
            assertThat(bob.lines()).noneMatch(l -> l.matches(".*\\bs-\\d+.*"));
            await().atMost(LONG).until(() -> !alice.statuses().isEmpty() && alice.statuses().getLast() == null);
            assertThat(alice.statuses().getLast()).as("statuses %s", alice.statuses()).isNull();
        }
    }
}
