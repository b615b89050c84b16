package parley.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both forms of ChunkWriter write the same bytes and the same hash, whatever the chunk sizes. */
class ChunkWriterTest {

    @TempDir
    Path dir;

    @Test
    void inlineAndPipelinedWriteTheSameBytesAndHash() throws Exception {
        byte[] data = FilesServer.bytes(3_000_017, 1);
        String expected = Sha256.of(data);
        for (boolean pipelined : new boolean[] {false, true}) {
            Path file = dir.resolve("out-" + pipelined);
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 ChunkWriter writer = pipelined ? ChunkWriter.pipelined(out, 3, new DirectBuffers(64 * 1024, 3)) : ChunkWriter.inline(out)) {
                SplittableRandom sizes = new SplittableRandom(2);
                int at = 0;
                while (at < data.length) { // odd chunk sizes, smaller and larger than a buffer
                    int n = Math.min(data.length - at, 1 + sizes.nextInt(200_000));
                    writer.write(data, at, n);
                    at += n;
                }
                assertThat(writer.finish()).as("pipelined " + pipelined).isEqualTo(expected);
            }
            assertThat(Files.readAllBytes(file)).isEqualTo(data);
        }
    }

    @Test
    void aPipelinedWriterReusesItsBuffersWhenTheCallerReusesItsArray() throws Exception {
        Path file = dir.resolve("reused");
        byte[] buffer = new byte[10_000];
        java.security.MessageDigest digest = Sha256.digest();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             ChunkWriter writer = ChunkWriter.pipelined(out, 2, new DirectBuffers(4096, 2))) {
            for (int i = 0; i < 500; i++) {
                java.util.Arrays.fill(buffer, (byte) i); // the array changes right after each call
                writer.write(buffer, 0, buffer.length);
                digest.update(buffer);
            }
            assertThat(writer.finish()).isEqualTo(Sha256.hex(digest));
        }
        assertThat(Files.size(file)).isEqualTo(5_000_000);
    }

    @Test
    void aWriteFailureIsReportedToTheFeeder() throws Exception {
        Path file = dir.resolve("closed");
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        out.close(); // every write fails, as on a disk that went away
        try (ChunkWriter writer = ChunkWriter.pipelined(out, 2, new DirectBuffers(1024, 2))) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    writer.write(new byte[1024], 0, 1024);
                }
                writer.finish();
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void itsBuffersGoBackToThePoolOnceItsThreadsStopAfterFinishOrClose() throws Exception {
        DirectBuffers pool = new DirectBuffers(1024, 8);
        for (boolean finish : new boolean[] {true, false}) {
            try (FileChannel out = FileChannel.open(dir.resolve("pooled-" + finish), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                ChunkWriter writer = ChunkWriter.pipelined(out, 3, pool);
                assertThat(pool.kept()).isZero();
                writer.write(new byte[10_000], 0, 10_000);
                if (finish) {
                    writer.finish();
                } else {
                    writer.close();
                }
                await().atMost(Duration.ofSeconds(20)).until(() -> pool.kept() == 3);
            }
        }
    }

    @Test
    void closingAbandonsItAndIsIdempotent() throws Exception {
        try (FileChannel out = FileChannel.open(dir.resolve("abandoned"), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            ChunkWriter writer = ChunkWriter.pipelined(out, 2, new DirectBuffers(1024, 2));
            writer.write(new byte[5000], 0, 5000);
            writer.close();
            writer.close();
        }
    }
}
