package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;

/**
 * Hostile file names end to end: the server stores by id and offers the cleaned name; the downloader
 * saves inside its directory and never over an existing file.
 */
class HostileNameTest {

    @TempDir
    Path root;

    @Test
    void hostileNamesAreCleanedAndNeverReachTheDisk() throws Exception {
        Path spool = Files.createDirectories(root.resolve("data/spool"));
        Path downloads = Files.createDirectories(root.resolve("downloads"));
        String[] hostile = {"../../../escaped.txt", "/etc/passwd", "..\\..\\win.ini", "bad\nname\u202Etxt.exe",
                "..", "con", "x".repeat(400) + ".txt"};
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
            for (String name : hostile) {
                byte[] content = name.getBytes();
                Message send = Message.of(FileVerbs.SEND_FILE).put("room", "room1")
                        .put("meta", FilesServer.meta(name, content.length, Sha256.of(content)))
                        .put("data", Base64.getEncoder().encodeToString(content));
                FileInfo stored = FileInfo.fromJson(alice.begin(send, FileVerbs.SEND_FILE, "room1", LONG)
                        .await(LONG).get("file"));
                assertThat(FileNames.isClean(stored.filename())).as(name).isTrue();
                assertThat(stored.filename()).doesNotContain("/", "\\", "..", "\n", "\u202E");

                Message offer = bob.awaitPush(FileVerbs.FILE, LONG);
                assertThat(offer.get("file").get("filename").stringValue()).isEqualTo(stored.filename());
                Downloader.Saved saved = Downloader.get(bob, stored.id(), stored, downloads, d -> { });
                assertThat(saved.path().getParent()).isEqualTo(downloads);
                assertThat(Files.readAllBytes(saved.path())).isEqualTo(content);
            }
            assertThat(FilesServer.entries(spool)).allMatch(n -> n.matches("f-[a-z0-9]{10}\\.(data|json)"));
            assertThat(FilesServer.entries(root)).containsExactly("data", "downloads");
            assertThat(FilesServer.entries(root.resolve("data"))).containsExactly("spool");
            assertThat(FilesServer.entries(downloads)).contains("escaped.txt", "passwd", "win.ini", "badnametxt.exe",
                    "file", "_con");
        }
    }

    /**
     * Two uploads with 400,000-character names (once, they froze every connection for seconds: cleaning a
     * name was quadratic) while another member chats: its round trips stay well under a generous bound.
     */
    @Test
    void hugeNamesCostTimeInProportionAndNobodyElseWaits() throws Exception {
        Path spool = Files.createDirectories(root.resolve("data/spool"));
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient mallory = FilesServer.member(server, "mallory", "room1");
             ParleyClient carol = FilesServer.member(server, "carol", "room1")) {
            String huge = "é".repeat(400_000) + ".txt";
            byte[] content = "x".getBytes();
            for (int i = 0; i < 2; i++) {
                mallory.request(Message.of(FileVerbs.SEND_FILE).put("room", "room1").put("seq", "huge" + i)
                        .put("meta", FilesServer.meta(huge, content.length, Sha256.of(content)))
                        .put("data", Base64.getEncoder().encodeToString(content)));
            }
            long worst = 0;
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertThat(carol.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
                worst = Math.max(worst, System.nanoTime() - start);
            }
            // a liveness bound, generous for a busy 2-core machine: the quadratic cleaning took seconds a name
            assertThat(java.time.Duration.ofNanos(worst)).isLessThan(java.time.Duration.ofSeconds(3));
            // the uploads themselves went through, under a cleaned, shortened name
            Message complete = mallory.awaitPush(m -> "COMPLETE".equals(m.type()), LONG);
            String name = complete.get("result").get("file").get("filename").stringValue();
            assertThat(name).endsWith(".txt").startsWith("éé");
            assertThat(name.codePointCount(0, name.length())).isLessThanOrEqualTo(FileNames.MAX_CHARS);
        }
    }

    @Test
    void aDownloadNeverOverwritesAnExistingFile() throws Exception {
        Path downloads = Files.createDirectories(root.resolve("downloads"));
        Files.writeString(downloads.resolve("notes.txt"), "mine, keep it");
        try (ParleyServer server = FilesServer.start(Files.createDirectories(root.resolve("spool")));
             ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
            byte[] content = "from alice".getBytes();
            Message send = Message.of(FileVerbs.SEND_FILE).put("room", "room1")
                    .put("meta", FilesServer.meta("notes.txt", content.length, Sha256.of(content)))
                    .put("data", Base64.getEncoder().encodeToString(content));
            FileInfo stored = FileInfo.fromJson(alice.begin(send, FileVerbs.SEND_FILE, "room1", LONG).await(LONG).get("file"));
            Path first = Downloader.get(bob, stored.id(), stored, downloads, d -> { }).path();
            Path second = Downloader.get(bob, stored.id(), stored, downloads, d -> { }).path();
            assertThat(first).isEqualTo(downloads.resolve("notes (1).txt"));
            assertThat(second).isEqualTo(downloads.resolve("notes (2).txt"));
            assertThat(Files.readString(downloads.resolve("notes.txt"))).isEqualTo("mine, keep it");
            assertThat(Files.readString(second)).isEqualTo("from alice");
        }
    }
}
