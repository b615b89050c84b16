package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;
import parley.files.client.Uploader;

/** Several uploads at once: from two members of one room, and from one member to two rooms. */
class ConcurrentUploadTest {

    @TempDir
    Path spool;
    @TempDir
    Path work;

    @Test
    void twoMembersUploadIntoOneRoomWithTheirChunksInterleaved() throws Exception {
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient bob = FilesServer.member(server, "bob", "room1");
             ParleyClient carol = FilesServer.member(server, "carol", "room1")) {
            byte[] a = FilesServer.bytes(3 << 20, 1);
            byte[] b = FilesServer.bytes((3 << 20) + 12345, 2);
            SequenceHandle up1 = begin(alice, FilesServer.sendFile("room1", "a.bin", a.length, Sha256.of(a)));
            SequenceHandle up2 = begin(bob, FilesServer.sendFile("room1", "b.bin", b.length, Sha256.of(b)));
            int chunk = 100_000;
            for (int at = 0; at < Math.max(a.length, b.length); at += chunk) { // strictly alternating chunks
                if (at < a.length) {
                    alice.sendBinary(up1.serverId(), a, at, Math.min(chunk, a.length - at));
                }
                if (at < b.length) {
                    bob.sendBinary(up2.serverId(), b, at, Math.min(chunk, b.length - at));
                }
            }
            alice.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", up1.serverId()));
            bob.send(Message.of(FileVerbs.SEND_FILE_END).put("seq", up2.serverId()));
            FileInfo fa = FileInfo.fromJson(up1.await(LONG).get("file"));
            FileInfo fb = FileInfo.fromJson(up2.await(LONG).get("file"));
            assertThat(fa.sha256()).isEqualTo(Sha256.of(a));
            assertThat(fb.sha256()).isEqualTo(Sha256.of(b));
            assertThat(fa.id()).isNotEqualTo(fb.id());

            Set<String> offered = Set.of(carol.awaitPush(FileVerbs.FILE, LONG).get("file").get("id").stringValue(),
                    carol.awaitPush(FileVerbs.FILE, LONG).get("file").get("id").stringValue());
            assertThat(offered).containsExactlyInAnyOrder(fa.id(), fb.id());
            Path into = Files.createDirectories(work.resolve("carol"));
            assertThat(Files.readAllBytes(Downloader.get(carol, fa.id(), fa, into, d -> { }).path())).isEqualTo(a);
            assertThat(Files.readAllBytes(Downloader.get(carol, fb.id(), fb, into, d -> { }).path())).isEqualTo(b);
        }
    }

    @Test
    void oneMemberUploadsToTwoRoomsAtOnceFromTwoThreads() throws Exception {
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient dan = FilesServer.member(server, "dan", "room1", "room2", "room3")) {
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path file = work.resolve("part" + i + ".bin");
                FilesServer.generate(file, (4L << 20) + i, 10 + i);
                files.add(file);
            }
            List<CompletableFuture<FileInfo>> uploads = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Path file = files.get(i);
                String room = "room" + (i + 1);
                CompletableFuture<FileInfo> done = new CompletableFuture<>();
                Thread.ofVirtual().start(() -> {
                    try {
                        done.complete(Uploader.send(dan, room, file, null, 64 * 1024, d -> { }));
                    } catch (Exception | Error e) {
                        done.completeExceptionally(e);
                    }
                });
                uploads.add(done);
            }
            for (int i = 0; i < 3; i++) {
                FileInfo stored = uploads.get(i).get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                assertThat(stored.sha256()).isEqualTo(Sha256Of.file(files.get(i)));
            }
            assertThat(FilesServer.entries(spool).stream().filter(n -> n.endsWith(".data")).collect(Collectors.toList()))
                    .hasSize(3);
        }
    }

    private static SequenceHandle begin(ParleyClient client, Message send) throws Exception {
        SequenceHandle handle = client.begin(send, FileVerbs.SEND_FILE, send.text("room"), LONG);
        assertThat(handle.ack().get().type()).isEqualTo("ACK");
        return handle;
    }
}
