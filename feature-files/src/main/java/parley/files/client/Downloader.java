package parley.files.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import parley.api.Message;
import parley.api.client.ClientException;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.files.ChunkWriter;
import parley.files.DirectBuffers;
import parley.files.FileInfo;
import parley.files.FileVerbs;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fetches a file with a GET_FILE sequence and saves it into a directory: the binary frames are
 * written to a hidden part file there as they arrive, and hashed, both beside the reader thread
 * ({@link ChunkWriter#pipelined}); only when the COMPLETE came, the size
 * matches and the SHA-256 matches is the part file given its name (see {@link LocalFiles}: never
 * outside the directory, never over an existing file). Anything else deletes the part file.
 *
 * <p>Blocking: call it from a thread that may wait for the whole transfer. The frames are written on
 * the client's reader thread. Thread-safe (no state).
 */
public final class Downloader {

    private static final AtomicLong TAGS = new AtomicLong();
    /** The pipelines' buffers, kept between downloads: four for one download at a time, eight for two. */
    private static final DirectBuffers BUFFERS = new DirectBuffers(256 * 1024, 8);

    private Downloader() {
    }

    /** A saved download. */
    public record Saved(Path path, FileInfo file) {
    }

    /**
     * Downloads file {@code id} into {@code dir}.
     *
     * @param expected what the offer said (its size and hash are checked too), or {@code null}
     * @param progress told the bytes received so far, on the client's reader thread
     * @throws RefusedException when the server refused or ended the download with ERROR
     * @throws ClientException  when the connection closed
     * @throws IOException      when the bytes do not match (size or SHA-256), or cannot be written
     */
    public static Saved get(ParleyClient client, String id, FileInfo expected, Path dir, LongConsumer progress)
            throws IOException {
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, ".parley-", ".part");
        String tag = "get-" + TAGS.incrementAndGet();
        Sink sink = new Sink(FileChannel.open(part, StandardOpenOption.WRITE), expected, progress);
        boolean saved = false;
        try {
            client.onBinary(tag, sink);
            SequenceHandle handle;
            try {
                handle = client.begin(Message.of(FileVerbs.GET_FILE).put("id", id).put("tag", tag),
                        FileVerbs.GET_FILE, id, Uploader.RESULT_TIMEOUT);
            } catch (IllegalStateException e) {
                throw new ClientException("you are already downloading " + id + ": wait for it to finish", e);
            }
            ObjectNode result = handle.await(Uploader.RESULT_TIMEOUT);
            client.removeBinary(tag);
            FileInfo file = FileInfo.fromJson(result.get("file"));
            sink.check(file, id, expected);
            Path target = LocalFiles.place(part, dir, file.filename());
            saved = true;
            return new Saved(target, file);
        } finally {
            client.removeBinary(tag);
            sink.close();
            if (!saved) {
                Files.deleteIfExists(part);
            }
        }
    }

    /** Writes and hashes the frames of one download; remembers the first failure instead of throwing. */
    private static final class Sink implements parley.api.BinarySink {
        private final FileChannel out;
        private final ChunkWriter writer;
        private final long limit;
        private final LongConsumer progress;
        private long received;
        private IOException failure;

        Sink(FileChannel out, FileInfo expected, LongConsumer progress) {
            this.out = out;
            this.writer = ChunkWriter.pipelined(out, 4, BUFFERS); // disk and hash beside the reader thread
            this.limit = expected == null ? Long.MAX_VALUE : expected.size();
            this.progress = progress;
        }

        @Override
        public void accept(ByteBuffer data) {
            if (failure != null) {
                return;
            }
            int length = data.remaining();
            if (received + length > limit) {
                failure = new IOException("the server sent more than the " + limit + " bytes the file has");
                return;
            }
            try {
                writer.write(data);
            } catch (IOException e) {
                failure = e;
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IOException("interrupted", e);
                return;
            }
            received += length;
            progress.accept(received);
        }

        /** After COMPLETE: the frames, all written before it on the reader thread, must match the file. */
        void check(FileInfo file, String id, FileInfo expected) throws IOException {
            if (failure != null) {
                throw new IOException("cannot save " + id + ": " + failure.getMessage(), failure);
            }
            if (!file.id().equals(id)) {
                throw new IOException("asked for " + id + " but the server sent " + file.id());
            }
            if (expected != null && !expected.sha256().equals(file.sha256())) {
                throw new IOException(id + " was offered with SHA-256 " + expected.sha256()
                        + " but the server now describes it as " + file.sha256() + "; not saved");
            }
            if (received != file.size()) {
                throw new IOException(id + ": received " + received + " of its " + file.size() + " bytes; not saved");
            }
            String actual;
            try {
                actual = writer.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while checking " + id, e);
            }
            if (!actual.equals(file.sha256())) {
                throw new IOException(id + ": SHA-256 mismatch: the file should hash to " + file.sha256()
                        + " but the bytes received hash to " + actual + "; not saved");
            }
        }

        void close() throws IOException {
            writer.close();
            out.close();
        }
    }
}
