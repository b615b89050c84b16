package parley.files.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.api.spi.ClientContext;
import parley.api.spi.SlashCommand;

/**
 * The client's /file, /files and /get against a real server, with a terminal that records what it is
 * told to print and to show on its status line.
 */
class FilesClientTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void fileShowsProgressFilesListsAndGetSavesWithoutOverwriting() throws Exception {
        try (ParleyServer server = ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0",
                "files.spool-dir", temp.resolve("spool").toString())));
             ParleyClient aliceClient = ParleyClient.connect("127.0.0.1", server.address().getPort());
             ParleyClient bobClient = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            Path downloads = Files.createDirectories(temp.resolve("downloads"));
            Terminal alice = new Terminal(aliceClient, Config.empty());
            Terminal bob = new Terminal(bobClient, Config.of(Map.of("files.download-dir", downloads.toString())));
            FilesClient aliceFiles = new FilesClient();
            FilesClient bobFiles = new FilesClient();
            aliceClient.login("alice");
            bobClient.login("bob");
            aliceClient.join("room1");
            bobClient.join("room1");
            bobClient.onPush(push -> bobFiles.onPush(push, bob));

            Path big = temp.resolve("big.bin");
            byte[] content = new byte[3 << 20];
            new java.util.SplittableRandom(1).nextBytes(content);
            Files.write(big, content);
            run(aliceFiles, "file", big.toString(), alice);
            alice.awaitLine(l -> l.startsWith("sent big.bin (3.0 MiB) to room1 as f-") && l.endsWith("SHA-256 verified by the server"));
            assertThat(alice.statuses).anyMatch(s -> s.matches(
                    "sending big\\.bin \\[#{20}] 100% 3\\.0 MiB / 3\\.0 MiB  .+/s  ETA 0:00"));
            assertThat(alice.statuses.getLast()).isNull(); // cleared when done

            String offer = bob.awaitLine(l -> l.startsWith("* alice offers big.bin (3.0 MiB) in room1: /get f-"));
            String id = offer.substring(offer.lastIndexOf(' ') + 1);
            run(bobFiles, "files", "", bob);
            bob.awaitLine(l -> l.contains(id) && l.contains("big.bin") && l.contains("3.0 MiB") && l.contains("from alice"));

            run(bobFiles, "get", id, bob);
            bob.awaitLine(l -> l.equals("saved " + downloads.resolve("big.bin") + " (3.0 MiB, SHA-256 verified)"));
            assertThat(Files.readAllBytes(downloads.resolve("big.bin"))).isEqualTo(content);
            assertThat(bob.statuses).anyMatch(s -> s != null && s.startsWith("getting big.bin [") && s.contains("ETA"));

            Path elsewhere = temp.resolve("elsewhere");
            run(bobFiles, "get", id + " " + elsewhere, bob);
            bob.awaitLine(l -> l.equals("saved " + elsewhere.resolve("big.bin") + " (3.0 MiB, SHA-256 verified)"));
            run(bobFiles, "get", id, bob);
            bob.awaitLine(l -> l.contains("big.bin was taken, so it is named big (1).bin"));

            run(aliceFiles, "file", "", alice);
            alice.awaitLine(l -> l.equals("! which file? /file <path>"));
            alice.setCurrentRoom(null);
            run(aliceFiles, "file", big.toString(), alice);
            alice.awaitLine(l -> l.startsWith("! you are in no room"));
            run(bobFiles, "get", "", bob);
            bob.awaitLine(l -> l.startsWith("! which file? /get <id> [dir]"));
        }
    }

    private static void run(FilesClient files, String name, String args, Terminal terminal) throws Exception {
        SlashCommand command = files.commands().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
        command.handler().run(args, terminal);
    }

    /** A terminal that keeps every printed line and every status line it is given. */
    private static final class Terminal implements ClientContext {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final List<String> statuses = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        private final ParleyClient client;
        private final Config config;
        private volatile String room = "room1";

        Terminal(ParleyClient client, Config config) {
            this.client = client;
            this.config = config;
        }

        String awaitLine(Predicate<String> matching) {
            await().atMost(LONG).until(() -> lines.stream().anyMatch(matching));
            return lines.stream().filter(matching).findFirst().orElseThrow();
        }

        @Override
        public ParleyClient client() {
            return client;
        }

        @Override
        public Config config() {
            return config;
        }

        @Override
        public String pseudo() {
            return client.pseudo();
        }

        @Override
        public String currentRoom() {
            return room;
        }

        @Override
        public void setCurrentRoom(String room) {
            this.room = room;
        }

        @Override
        public void print(String line) {
            lines.add(line);
        }

        @Override
        public void status(String line) {
            statuses.add(line);
        }
    }
}
