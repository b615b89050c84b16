package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.files.FilesServer.LONG;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.files.client.Uploader;

/** The spool's figures in STATS: files stored and their bytes. */
class FilesFiguresTest {

    @TempDir
    Path spool;
    @TempDir
    Path work;

    @Test
    void statsCountsTheStoredFilesAndTheirBytes() throws Exception {
        try (ParleyServer server = FilesServer.start(spool);
             ParleyClient alice = FilesServer.member(server, "alice", "room1")) {
            assertThat(alice.call(Message.of("STATS"), LONG).texts("lines")).contains("files_stored=0", "files_stored_bytes=0");
            Path file = Files.write(work.resolve("plan.txt"), FilesServer.bytes(70_000, 3));
            Uploader.send(alice, "room1", file, null, 65_536, d -> { });

            assertThat(alice.call(Message.of("STATS"), LONG).texts("lines"))
                    .contains("files_stored=1", "files_stored_bytes=70000", "files_reserved_bytes=0", "sequences_active=0");
        }
    }
}
