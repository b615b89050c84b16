package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.files.client.Downloader;
import parley.files.client.Uploader;

/**
 * A large file, generated here and streamed (never in the repository, never whole in memory): sent in
 * binary chunks, stored once, fetched by a member who joined after it was sent.
 */
class LargeFileTest {

    private static final long SIZE = 210L << 20;

    @TempDir
    Path spool;
    @TempDir
    Path work;

    @Test
    void aLargeFileGoesUpInChunksAndALaterMemberFetchesIt() throws Exception {
        Path source = work.resolve("big.bin");
        String sha = FilesServer.generate(source, SIZE, 7);
        try (ParleyServer server = FilesServer.start(spool, Map.of("files.max-size", "512MiB", "files.quota", "1GiB"));
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            AtomicLong progress = new AtomicLong();
            FileInfo stored = Uploader.send(alice, "room1", source, null, 256 * 1024, progress::set);
            assertThat(stored.size()).isEqualTo(SIZE);
            assertThat(stored.sha256()).isEqualTo(sha);
            assertThat(progress.get()).isEqualTo(SIZE);
            assertThat(Files.size(spool.resolve(stored.id() + ".data"))).isEqualTo(SIZE);
            assertThat(FilesServer.entries(spool)).containsExactly(stored.id() + ".data", stored.id() + ".json");

            try (ParleyClient bob = FilesServer.member(server, "bob", "room1")) {
                Message list = bob.expect(Message.of(FileVerbs.FILES).put("room", "room1"), FileVerbs.FILES);
                FileInfo listed = FileInfo.fromJson(list.get("files").get(0));
                assertThat(listed).isEqualTo(stored);
                Path into = Files.createDirectories(work.resolve("bob"));
                AtomicLong received = new AtomicLong();
                Downloader.Saved saved = Downloader.get(bob, listed.id(), listed, into, received::set);
                assertThat(saved.path()).isEqualTo(into.resolve("big.bin"));
                assertThat(Files.size(saved.path())).isEqualTo(SIZE);
                assertThat(Sha256Of.file(saved.path())).isEqualTo(sha);
                assertThat(received.get()).isEqualTo(SIZE);
                assertThat(Files.list(into).toList()).containsExactly(saved.path()); // no part file left
            }
            assertThat(server.context().sequences().active()).isEmpty();
        }
    }
}
