package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;
import parley.files.client.Uploader;
import parley.testkit.LegacyClient;

/** The text protocol: a small file inline in one FILE line, both ways; GET_FILE and FILES as lines. */
class LegacyFileTest {

    @TempDir
    Path spool;
    @TempDir
    Path work;

    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = FilesServer.start(spool, Map.of("files.inline-max", "64KiB"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aTextClientSendsASmallFileInlineAndEveryoneGetsIt() throws Exception {
        try (LegacyClient carol = new LegacyClient(server.address());
             LegacyClient dave = new LegacyClient(server.address());
             ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
            carol.ask("LOGIN \"carol\"");
            assertThat(carol.ask("JOIN_ROOM \"room1\"")).isEqualTo("OK");
            dave.ask("LOGIN \"dave\"");
            assertThat(dave.ask("JOIN_ROOM \"room1\"")).isEqualTo("OK");
            assertThat(carol.read()).isEqualTo("JOINED \"room1\" \"dave\"");
            String sha = Sha256.of("hello".getBytes());

            assertThat(carol.ask("FILE \"room1\" \"carol\" \"hello.txt\" \"aGVsbG8=\"")).isEqualTo("OK");

            String line = dave.read();
            assertThat(line).startsWith("FILE \"room1\" \"carol\" \"hello.txt\" \"aGVsbG8=\" \"5\" \"" + sha + "\" \"f-");
            String id = line.substring(line.lastIndexOf(" \"") + 2, line.length() - 1);
            Message offer = bob.awaitPush(FileVerbs.FILE, LONG);
            assertThat(offer.get("id").isIntegralNumber()).as("a room push carries its id").isTrue();
            assertThat(offer.has("time")).isTrue();
            Message unstamped = offer.copy();
            unstamped.body().remove("id");
            unstamped.body().remove("time");
            assertThat(unstamped.toString()).isEqualTo("{\"type\":\"FILE\",\"room\":\"room1\",\"pseudo\":\"carol\",\"file\":"
                    + "{\"id\":\"" + id + "\",\"filename\":\"hello.txt\",\"size\":5,\"sha256\":\"" + sha + "\"}}");
            Downloader.Saved saved = Downloader.get(bob, id, FileInfo.fromJson(offer.get("file")), work, d -> { });
            assertThat(Files.readString(saved.path())).isEqualTo("hello");

            assertThat(dave.ask("GET_FILE \"" + id + "\"")).isEqualTo(line);
            assertThat(dave.ask("FILES \"room1\"")).isEqualTo("FILES \"room1\" \"" + id + " 5 carol hello.txt\"");
        }
    }

    @Test
    void textMembersGetFramedUploadsInlineWhenSmallAndAreToldWhenNot() throws Exception {
        try (LegacyClient dave = new LegacyClient(server.address());
             ParleyClient alice = FilesServer.member(server, "alice", "room2")) {
            dave.ask("LOGIN \"dave\"");
            dave.ask("JOIN_ROOM \"room2\"");
            byte[] small = FilesServer.bytes(30_000, 1);
            FileInfo one = Uploader.send(alice, "room2", Files.write(work.resolve("small.bin"), small), null, 8192, d -> { });
            assertThat(dave.read()).isEqualTo("FILE \"room2\" \"alice\" \"small.bin\" \""
                    + Base64.getEncoder().encodeToString(small) + "\" \"30000\" \"" + one.sha256() + "\" \"" + one.id() + "\"");

            Path big = work.resolve("big.bin");
            FilesServer.generate(big, 200_000, 2);
            FileInfo two = Uploader.send(alice, "room2", big, null, 65_536, d -> { });
            assertThat(dave.read()).isEqualTo("FILE \"room2\" \"alice\" \"big.bin\" \"\" \"200000\" \"" + two.sha256()
                    + "\" \"" + two.id() + "\"");
            assertThat(dave.ask("GET_FILE \"" + two.id() + "\"")).startsWith("KO \"" + two.id())
                    .contains("too big for a text line").contains("/get " + two.id());
        }
    }

    @Test
    void textUploadsAreRefusedWithAReason() throws Exception {
        try (LegacyClient erin = new LegacyClient(server.address())) {
            erin.ask("LOGIN \"erin\"");
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"a.txt\" \"aGk=\"")).startsWith("KO \"you are not in room1");
            erin.ask("JOIN_ROOM \"room1\"");
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"file\"")).startsWith("ERROR \"FILE takes 4 to 7 arguments");
            assertThat(erin.ask("FILE \"room1\" \"bob\" \"a.txt\" \"aGk=\"")).startsWith("KO \"you are erin, not bob");
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"a.txt\" \"%%%\"")).startsWith("ERROR \"FILE data must be");
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"a.txt\" \"aGk=\" \"3\"")).startsWith("KO \"a.txt: data holds 2");
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"a.txt\" \"aGk=\" \"2\" \"" + "0".repeat(64) + "\""))
                    .startsWith("KO \"a.txt: SHA-256 mismatch");
            String big = Base64.getEncoder().encodeToString(new byte[100_000]);
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"big.bin\" \"" + big + "\"")).startsWith("KO \"big.bin is too big")
                    .contains("files.inline-max");
            assertThat(erin.ask("SEND_FILE")).startsWith("ERROR \"SEND_FILE is for framed clients");
            assertThat(erin.ask("FILE \"room1\" \"erin\" \"../../etc/passwd\" \"aGk=\" \"2\" \"" + Sha256.of("hi".getBytes())
                    + "\"")).isEqualTo("OK");
            assertThat(erin.ask("FILES \"room1\"")).endsWith(" 2 erin passwd\"");
            assertThat(FilesServer.entries(spool)).allMatch(n -> n.matches("f-[a-z0-9]{10}\\.(data|json)"));
        }
    }
}
