package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;
import parley.files.client.Uploader;
import parley.rooms.api.client.Chat;
import tools.jackson.databind.node.ObjectNode;

/** A small file: one SEND_FILE frame with base64 data, as in the seed; offered, listed, fetched. */
class SmallFileTest {

    @TempDir
    Path spool;
    @TempDir
    Path work;

    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = FilesServer.start(spool);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void inlineUploadIsAckedCompletedOfferedListedAndFetched() throws Exception {
        try (ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
            byte[] content = "bonjour la room\n".getBytes();
            String sha = Sha256.of(content);
            Message send = Message.of(FileVerbs.SEND_FILE).put("seq", 42).put("room", "room1")
                    .put("meta", FilesServer.meta("doc.txt", content.length, sha))
                    .put("data", Base64.getEncoder().encodeToString(content));
            SequenceHandle handle = alice.begin(send, FileVerbs.SEND_FILE, "room1", LONG);
            Message ack = handle.ack().get();
            assertThat(ack.type()).isEqualTo("ACK");
            assertThat(ack.seq().intValue()).isEqualTo(42);
            assertThat(ack.text("id")).startsWith("s-");
            ObjectNode result = handle.await(LONG);
            FileInfo stored = FileInfo.fromJson(result.get("file"));
            assertThat(stored.filename()).isEqualTo("doc.txt");
            assertThat(stored.size()).isEqualTo(content.length);
            assertThat(stored.sha256()).isEqualTo(sha);
            assertThat(stored.id()).matches("f-[a-z0-9]{10}");

            Message offer = bob.awaitPush(FileVerbs.FILE, LONG);
            assertThat(offer.get("id").isIntegralNumber()).as("a room push carries its id").isTrue();
            assertThat(offer.has("time")).isTrue();
            Message unstamped = offer.copy();
            unstamped.body().remove("id");
            unstamped.body().remove("time");
            assertThat(unstamped.toString()).isEqualTo("{\"type\":\"FILE\",\"room\":\"room1\",\"pseudo\":\"alice\",\"file\":"
                    + stored.toJson() + "}");

            Message list = bob.expect(Message.of(FileVerbs.FILES).put("room", "room1"), FileVerbs.FILES);
            assertThat(list.get("files")).hasSize(1);
            assertThat(list.get("files").get(0).get("id").stringValue()).isEqualTo(stored.id());
            assertThat(list.get("files").get(0).get("pseudo").stringValue()).isEqualTo("alice");

            Downloader.Saved saved = Downloader.get(bob, stored.id(), stored, work, done -> { });
            assertThat(saved.path()).isEqualTo(work.resolve("doc.txt"));
            assertThat(Files.readAllBytes(saved.path())).isEqualTo(content);
            assertThat(FilesServer.entries(spool)).containsExactly(stored.id() + ".data", stored.id() + ".json");
        }
    }

    @Test
    void theUploaderSendsSmallFilesInlineAndTheSenderGetsNoOfferOfItsOwn() throws Exception {
        try (ParleyClient carol = FilesServer.member(server, "carol", "room2");
             ParleyClient dan = FilesServer.member(server, "dan", "room2");
             ParleyClient outsider = FilesServer.member(server, "eve", "room3")) {
            Path file = work.resolve("small.bin");
            Files.write(file, FilesServer.bytes(40_000, 1));
            FileInfo sent = Uploader.send(carol, "room2", file, null, 8192, done -> { });
            assertThat(sent.size()).isEqualTo(40_000);
            assertThat(dan.awaitPush(FileVerbs.FILE, LONG).get("file").get("id").stringValue()).isEqualTo(sent.id());
            Chat.say(dan, "room2", "marker");
            Message next = carol.awaitPush(m -> m.type().equals("MSG") || m.type().equals(FileVerbs.FILE), LONG);
            assertThat(next.text("msg")).isEqualTo("marker"); // no FILE of her own before it
            assertThat(outsider.nextPush(java.time.Duration.ofMillis(200))).isNull();
        }
    }

    @Test
    void anEmptyFileWorksBothWays() throws Exception {
        try (ParleyClient fay = FilesServer.member(server, "fay", "room1");
             ParleyClient gus = FilesServer.member(server, "gus", "room1")) {
            Path empty = Files.createFile(work.resolve("empty"));
            FileInfo sent = Uploader.send(fay, "room1", empty, null, 8192, done -> { });
            assertThat(sent.size()).isZero();
            Path into = Files.createDirectories(work.resolve("in"));
            Downloader.Saved saved = Downloader.get(gus, sent.id(), null, into, done -> { });
            assertThat(Files.size(saved.path())).isZero();
        }
    }
}
