package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;
import parley.files.client.Uploader;

/** How long files are kept: by age, by total size (the quota), across a restart; and the disk floor. */
class RetentionTest {

    @TempDir
    Path spool;
    @TempDir
    Path work;

    @Test
    void filesExpireAfterTheirAge() throws Exception {
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.keep-for", "1s"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            FileInfo stored = Uploader.send(alice, "room1", Files.write(work.resolve("a.txt"), "soon gone".getBytes()),
                    null, 8192, d -> { });
            await().atMost(LONG).until(() -> list(alice, "room1").isEmpty());
            Message gone = alice.call(Message.of(FileVerbs.GET_FILE).put("id", stored.id()), LONG);
            assertThat(gone.text("reason")).contains("no longer kept");
            await().atMost(LONG).until(() -> FilesServer.entries(spool).isEmpty());
        }
    }

    @Test
    void theQuotaDropsTheOldestFilesToMakeRoom() throws Exception {
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.quota", "1MiB", "files.max-size", "1MiB"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1", "room2")) {
            FileInfo first = upload(alice, "room1", "first.bin", 400_000);
            FileInfo second = upload(alice, "room2", "second.bin", 400_000);
            FileInfo third = upload(alice, "room1", "third.bin", 400_000);
            assertThat(list(alice, "room1")).containsExactly(third.id());
            assertThat(list(alice, "room2")).containsExactly(second.id());
            assertThat(FilesServer.entries(spool)).hasSize(4).noneMatch(n -> n.startsWith(first.id()));
        }
    }

    @Test
    void nobodyCanPushOtherPeoplesFilesOut() throws Exception {
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.quota", "1MiB", "files.user-quota", "600KiB",
                "files.max-size", "1MiB"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient bob = FilesServer.member(server, "bob", "room1");
             ParleyClient mallory = FilesServer.member(server, "mallory", "room1")) {
            FileInfo alices = upload(alice, "room1", "alice.bin", 400_000);
            FileInfo bobs = upload(bob, "room1", "bob.bin", 400_000);
            // the space is full of other people's files: refused, and theirs stay
            Message full = mallory.call(FilesServer.sendFile("room1", "m.bin", 300_000, Sha256.of(new byte[1])), LONG);
            assertThat(full.type()).isEqualTo("ERROR");
            assertThat(full.text("reason")).contains("file space is full").contains("never deleted to make room for yours");
            // one file larger than a user's quota: refused at once
            Message big = mallory.call(FilesServer.sendFile("room1", "big.bin", 700_000, Sha256.of(new byte[1])), LONG);
            assertThat(big.text("reason")).contains("larger than your").contains("files.user-quota");
            // over her own quota, alice's own oldest file goes, never bob's
            FileInfo small = upload(alice, "room1", "small.bin", 150_000);
            FileInfo more = upload(alice, "room1", "more.bin", 100_000);
            assertThat(list(bob, "room1")).containsExactlyInAnyOrder(bobs.id(), small.id(), more.id())
                    .doesNotContain(alices.id());
        }
    }

    @Test
    void uploadsInProgressReserveTheirSizeAndOneThatCannotFitIsRefused() throws Exception {
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.quota", "1MiB", "files.max-size", "1MiB"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
            byte[] content = FilesServer.bytes(700_000, 1);
            SequenceHandle running = alice.begin(FilesServer.sendFile("room1", "big.bin", content.length,
                    Sha256.of(content)), FileVerbs.SEND_FILE, "room1", LONG);
            assertThat(running.ack().get().type()).isEqualTo("ACK");
            Message refused = bob.call(FilesServer.sendFile("room1", "also.bin", 400_000, Sha256.of(new byte[1])), LONG);
            assertThat(refused.type()).isEqualTo("ERROR");
            assertThat(refused.text("reason")).contains("taken by uploads in progress").contains("files.quota");
            alice.sendBinary(running.serverId(), content, 0, content.length);
            alice.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", running.serverId()));
            assertThat(running.await(LONG).get("file").get("size").longValue()).isEqualTo(700_000);
        }
    }

    @Test
    void anUploadThatWouldFillTheDiskIsRefusedBeforeAnyByte() throws Exception {
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.min-free-disk", "1000000GiB"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            Message refused = alice.call(FilesServer.sendFile("room1", "x.bin", 10, Sha256.of(new byte[10])), LONG);
            assertThat(refused.type()).isEqualTo("ERROR");
            assertThat(refused.text("reason")).contains("disk is too full").contains("files.min-free-disk");
            assertThat(FilesServer.entries(spool)).isEmpty();
        }
    }

    @Test
    void filesSurviveARestartAndWhatACrashLeftIsCleaned() throws Exception {
        FileInfo kept;
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            kept = upload(alice, "room1", "kept.bin", 50_000);
        }
        Files.write(spool.resolve("f-crashed000.part"), new byte[100]);
        Files.write(spool.resolve("f-orphan0000.data"), new byte[100]);
        Files.writeString(spool.resolve("f-damaged000.json"), "{not json");
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
            assertThat(list(bob, "room1")).containsExactly(kept.id());
            Downloader.Saved saved = Downloader.get(bob, kept.id(), kept, work.resolve("bob"), d -> { });
            assertThat(Files.size(saved.path())).isEqualTo(50_000);
            assertThat(FilesServer.entries(spool)).containsExactly(kept.id() + ".data", kept.id() + ".json");
        }
    }

    private FileInfo upload(ParleyClient client, String room, String name, int size) throws Exception {
        Path file = Files.write(work.resolve(name), FilesServer.bytes(size, size));
        return Uploader.send(client, room, file, null, 65_536, d -> { });
    }

    private static List<String> list(ParleyClient client, String room) {
        Message reply = client.expect(Message.of(FileVerbs.FILES).put("room", room), FileVerbs.FILES);
        return java.util.stream.StreamSupport.stream(reply.get("files").spliterator(), false)
                .map(f -> f.get("id").stringValue()).toList();
    }
}
