package parley.files.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.client.RecordingShell;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.CurrentRoom;
import parley.testkit.TestServer;

/**
 * The client's /file, /files and /get against a real server, typed into a shell that records what it
 * is told to print and to show on its status line.
 */
class FilesClientTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void fileShowsProgressFilesListsAndGetSavesWithoutOverwriting() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of("files.spool-dir", temp.resolve("spool").toString()));
             ParleyClient aliceClient = TestServer.client(server);
             ParleyClient bobClient = TestServer.client(server)) {
            Path downloads = Files.createDirectories(temp.resolve("downloads"));
            RecordingShell alice = new RecordingShell(aliceClient, Config.empty(), List.of(new FilesClient()));
            RecordingShell bob = new RecordingShell(bobClient,
                    Config.of(Map.of("files.download-dir", downloads.toString())), List.of(new FilesClient()));
            aliceClient.login("alice");
            bobClient.login("bob");
            Chat.join(aliceClient, "room1");
            Chat.join(bobClient, "room1");
            CurrentRoom.of(alice).set("room1");
            CurrentRoom.of(bob).set("room1");

            Path big = temp.resolve("big.bin");
            byte[] content = new byte[3 << 20];
            new java.util.SplittableRandom(1).nextBytes(content);
            Files.write(big, content);
            alice.run("/file " + big.toString());
            awaitLine(alice, l -> l.startsWith("sent big.bin (3.0 MiB) to room1 as f-") && l.endsWith("SHA-256 verified by the server"));
            assertThat(alice.statuses()).anyMatch(s -> s != null && s.matches(
                    "sending big\\.bin \\[#{20}] 100% 3\\.0 MiB / 3\\.0 MiB  .+/s  ETA 0:00"));
            assertThat(alice.statuses().getLast()).as("statuses %s", alice.statuses()).isNull(); // cleared when done

            String offer = awaitLine(bob, l -> l.startsWith("* alice offers big.bin (3.0 MiB) in room1: /get f-"));
            String id = offer.substring(offer.lastIndexOf(' ') + 1);
            bob.run("/files");
            awaitLine(bob, l -> l.contains(id) && l.contains("big.bin") && l.contains("3.0 MiB") && l.contains("from alice"));

            bob.run("/get " + id);
            awaitLine(bob, l -> l.equals("saved " + downloads.resolve("big.bin") + " (3.0 MiB, SHA-256 verified)"));
            assertThat(Files.readAllBytes(downloads.resolve("big.bin"))).isEqualTo(content);
            assertThat(bob.statuses()).anyMatch(s -> s != null && s.startsWith("getting big.bin [") && s.contains("ETA"));

            Path elsewhere = temp.resolve("elsewhere");
            bob.run("/get " + id + " " + elsewhere);
            awaitLine(bob, l -> l.equals("saved " + elsewhere.resolve("big.bin") + " (3.0 MiB, SHA-256 verified)"));
            bob.run("/get " + id);
            awaitLine(bob, l -> l.contains("big.bin was taken, so it is named big (1).bin"));

            alice.run("/file");
            awaitLine(alice, l -> l.equals("! which file? /file <path>"));
            CurrentRoom.of(alice).set(null);
            alice.run("/file " + big.toString());
            awaitLine(alice, l -> l.startsWith("! you are in no room"));
            bob.run("/get");
            awaitLine(bob, l -> l.startsWith("! which file? /get <id> [dir]"));
        }
    }

    private static String awaitLine(RecordingShell shell, Predicate<String> matching) {
        await().atMost(LONG).until(() -> shell.lines().stream().anyMatch(matching));
        return shell.lines().stream().filter(matching).findFirst().orElseThrow();
    }
}
