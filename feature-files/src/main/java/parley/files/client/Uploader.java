package parley.files.client;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.function.LongConsumer;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ClientException;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.api.wire.Json;
import parley.files.FileInfo;
import parley.files.FileNames;
import parley.files.FileVerbs;
import parley.files.Sha256;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends a file to a room through a {@link ParleyClient}: a SEND_FILE sequence, inline (base64) when the
 * file is at most {@link #INLINE_LIMIT}, otherwise in binary frames tagged with the ACK's id, then
 * SEND_FILE_END. The file is read in chunks and never held whole in memory.
 *
 * <p>Blocking: call it from a thread that may wait for the whole transfer, never from the client's
 * reader thread. Thread-safe (no state).
 */
public final class Uploader {

    /** Largest file sent inline; well under any server's {@code files.inline-max}. */
    public static final long INLINE_LIMIT = 64 * 1024;

    /**
     * How long the client waits for the sequence's end. The server ends a stalled upload on its own
     * ({@code files.stall-timeout}), and a dead connection fails it at once, so this is only a backstop.
     */
    static final Duration RESULT_TIMEOUT = Duration.ofDays(1);

    private Uploader() {
    }

    /** The SHA-256 of a file, read in chunks; {@code progress} gets the bytes hashed so far. */
    public static String hash(Path path, LongConsumer progress) throws IOException {
        MessageDigest digest = Sha256.digest();
        ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
        long done = 0;
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            int read;
            while ((read = in.read(buffer.clear())) >= 0) {
                digest.update(buffer.array(), 0, read);
                done += read;
                progress.accept(done);
            }
        }
        return Sha256.hex(digest);
    }

    /**
     * Sends {@code path} to {@code room} and waits until the server stored and verified it.
     *
     * @param sha256    the file's SHA-256 if already known, else {@code null} to compute it first
     * @param chunkSize bytes per binary frame; under the server's {@code max-frame-bytes}
     * @param progress  told the bytes sent so far (on this thread)
     * @return the stored file as the server describes it
     * @throws RefusedException when the server answered ERROR (its reason says why)
     * @throws ClientException  when the connection closed or a local busy check refused it
     * @throws IOException      when the file cannot be read, or changed size while it was sent
     */
    public static FileInfo send(ParleyClient client, String room, Path path, String sha256, int chunkSize,
                                LongConsumer progress) throws IOException {
        long size = Files.size(path);
        String hash = sha256 != null ? sha256 : hash(path, done -> { });
        String filename = FileNames.clean(String.valueOf(path.getFileName()));
        ObjectNode meta = Json.object();
        meta.put("filename", filename);
        meta.put("size", size);
        meta.put("sha256", hash);
        Message start = Message.of(FileVerbs.SEND_FILE).put("room", room).put("meta", meta);
        if (size <= INLINE_LIMIT) {
            byte[] content = Files.readAllBytes(path);
            if (content.length != size) {
                throw new IOException(path + " changed while it was read");
            }
            start.put("data", Base64.getEncoder().encodeToString(content));
            ObjectNode result = begin(client, start, room).await(RESULT_TIMEOUT);
            progress.accept(size);
            return FileInfo.fromJson(result.get("file"));
        }
        SequenceHandle handle = begin(client, start, room);
        Message ack = handle.ack().orTimeout(ParleyClient.DEFAULT_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)
                .exceptionally(e -> null).join();
        if (ack == null || !Verbs.ACK.equals(ack.type())) {
            return FileInfo.fromJson(handle.await(RESULT_TIMEOUT).get("file")); // throws the refusal
        }
        String tag = ack.text("id");
        long sent = 0;
        byte[] chunk = new byte[chunkSize];
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        try (FileChannel in = FileChannel.open(path, StandardOpenOption.READ)) {
            while (sent < size && !handle.isDone()) {
                buffer.clear();
                buffer.limit((int) Math.min(chunkSize, size - sent));
                int read = in.read(buffer);
                if (read < 0) {
                    break; // the file shrank: the server will say the upload ended short
                }
                client.sendBinary(tag, chunk, 0, read);
                sent += read;
                progress.accept(sent);
            }
        }
        if (!handle.isDone()) {
            client.send(Message.of(FileVerbs.SEND_FILE_END).put(Message.SEQ, tag));
        }
        return FileInfo.fromJson(handle.await(RESULT_TIMEOUT).get("file"));
    }

    private static SequenceHandle begin(ParleyClient client, Message start, String room) {
        try {
            return client.begin(start, FileVerbs.SEND_FILE, room, RESULT_TIMEOUT);
        } catch (IllegalStateException e) {
            throw new ClientException("you are already sending a file to " + room + ": wait for it to finish", e);
        }
    }
}
