package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static parley.files.FilesServer.LONG;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;
import parley.files.client.Uploader;
import parley.rooms.api.client.Chat;

/** GET_FILE: who may fetch what, the tag of the frames, and a downloader that leaves or stops reading. */
class DownloadTest {

    @TempDir
    Path spool;
    @TempDir
    Path work;

    @Test
    void aMemberWhoJoinsLaterFetchesAndOthersAreRefused() throws Exception {
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1");
             ParleyClient outsider = FilesServer.member(server, "olga", "room2")) {
            Path file = Files.write(work.resolve("plan.txt"), FilesServer.bytes(200_000, 3));
            FileInfo stored = Uploader.send(alice, "room1", file, null, 65_536, d -> { });

            assertThatThrownBy(() -> Downloader.get(outsider, stored.id(), null, work.resolve("o"), d -> { }))
                    .isInstanceOf(RefusedException.class)
                    .hasMessageContaining(stored.id() + " is in room1: you are not in room1");
            assertThatThrownBy(() -> Downloader.get(outsider, "f-nothere00", null, work.resolve("o"), d -> { }))
                    .hasMessageContaining("no file 'f-nothere00'");
            assertThat(Files.list(work.resolve("o")).toList()).isEmpty(); // the part file went away
            Message list = outsider.call(Message.of(FileVerbs.FILES).put("room", "room1"), LONG);
            assertThat(list.type()).isEqualTo("KO");

            Chat.join(outsider, "room1"); // joins after the file was sent: it is still there for it
            Downloader.Saved saved = Downloader.get(outsider, stored.id(), stored, work.resolve("o"), d -> { });
            assertThat(Files.mismatch(saved.path(), file)).isEqualTo(-1);
        }
    }

    @Test
    void withoutATagTheFramesCarryTheSeqAndABadTagIsRefused() throws Exception {
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            byte[] content = FilesServer.bytes(70_000, 4);
            FileInfo stored = Uploader.send(alice, "room1", Files.write(work.resolve("t.bin"), content), null, 65_536,
                    d -> { });
            AtomicLong received = new AtomicLong();
            alice.onBinary("77", data -> received.addAndGet(data.remaining()));
            SequenceHandle get = alice.begin(Message.of(FileVerbs.GET_FILE).put("seq", 77).put("id", stored.id()),
                    FileVerbs.GET_FILE, stored.id(), LONG);
            assertThat(get.await(LONG).get("bytes").longValue()).isEqualTo(content.length);
            assertThat(received.get()).isEqualTo(content.length);

            Message bad = alice.call(Message.of(FileVerbs.GET_FILE).put("id", stored.id()).put("tag", "a b"), LONG);
            assertThat(bad.type()).isEqualTo("ERROR");
            assertThat(bad.text("reason")).contains("cannot tag binary frames");
        }
    }

    @Test
    void aDownloaderThatLeavesMidwayFreesItsStream() throws Exception {
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            Path file = work.resolve("big.bin");
            FilesServer.generate(file, 20L << 20, 5);
            FileInfo stored = Uploader.send(alice, "room1", file, null, 256 * 1024, d -> { });
            ParleyClient bob = FilesServer.member(server, "bob", "room1");
            bob.onBinary("leave", data -> bob.close());
            bob.begin(Message.of(FileVerbs.GET_FILE).put("id", stored.id()).put("tag", "leave"), FileVerbs.GET_FILE,
                    stored.id(), LONG);
            await().atMost(LONG).until(() -> server.context().sequences().active().isEmpty());
            try (ParleyClient again = FilesServer.member(server, "bob", "room1")) {
                Downloader.Saved saved = Downloader.get(again, stored.id(), stored, work.resolve("b"), d -> { });
                assertThat(Files.size(saved.path())).isEqualTo(20L << 20);
            }
        }
    }

    /**
     * A downloader that stops reading: the server queues no more than its window (the connection is not
     * dropped for overflowing its queue), ends the download when it stalls, and frees the slot.
     */
    @Test
    void aDownloaderThatStopsReadingIsThrottledThenTimedOut() throws Exception {
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.stall-timeout", "1s",
                "files.max-downloads", "1"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            Path file = work.resolve("big.bin");
            FilesServer.generate(file, 48L << 20, 6);
            FileInfo stored = Uploader.send(alice, "room1", file, null, 256 * 1024, d -> { });
            try (Socket slow = new Socket("127.0.0.1", server.address().getPort())) {
                slow.setReceiveBufferSize(64 * 1024);
                frame(slow.getOutputStream(), "{\"type\":\"LOGIN\",\"pseudo\":\"slow\"}");
                frame(slow.getOutputStream(), "{\"type\":\"JOIN_ROOM\",\"room\":\"room1\"}");
                frame(slow.getOutputStream(), "{\"type\":\"GET_FILE\",\"seq\":1,\"id\":\"" + stored.id() + "\"}");
                await().atMost(LONG).until(() -> !server.context().sequences().active().isEmpty());

                Message busy = alice.call(Message.of(FileVerbs.GET_FILE).put("id", stored.id()).put("tag", "x"), LONG);
                assertThat(busy.text("reason")).contains("files.max-downloads");

                await().atMost(LONG).until(() -> server.context().sequences().active().isEmpty());
                assertThat(server.context().sessions().byPseudo("slow")).isPresent(); // throttled, not dropped
                Downloader.Saved saved = Downloader.get(alice, stored.id(), stored, work.resolve("a"), d -> { });
                assertThat(Files.size(saved.path())).isEqualTo(48L << 20);
            }
        }
    }

    private static void frame(OutputStream out, String json) throws IOException {
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(payload.length);
        data.write(payload);
        data.flush();
    }
}
