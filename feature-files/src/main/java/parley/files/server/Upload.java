package parley.files.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.client.Progress;
import parley.files.ChunkWriter;
import parley.files.FileInfo;

/**
 * One chunked upload in progress: its part file in the spool, written and hashed by a {@link ChunkWriter}
 * (pipelined beside the reader thread when the server's {@link BufferBudget} allows), and the bytes
 * counted so far. Its size was reserved in the spool before it opened.
 *
 * <p><b>Threading.</b> {@link #write} and {@link #finish} come from the uploader's reader thread;
 * {@link #abort} may come at the same time from a timer (stall) or from a shutdown. A lock makes them
 * one at a time, and whichever ends the upload first wins: after that, the others do nothing. None of
 * them calls into the sequence, so the sequence's lock is never taken while this one is held.
 *
 * <p><b>Failure.</b> Every way out but a successful {@link #finish} deletes the part file and releases
 * the reservation: nothing is left behind.
 */
final class Upload {

    /** How {@link #finish} ended: a stored file, or the reason it was refused. */
    record Outcome(StoredFile file, String failure) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(Upload.class);

    private final ReentrantLock lock = new ReentrantLock();
    private final Spool spool;
    private final String id;
    private final Declared declared;
    private final String room;
    private final String pseudo;
    private final FileChannel channel;
    private final ChunkWriter writer;
    private long received;
    private boolean ended;

    private Upload(Spool spool, String id, Declared declared, String room, String pseudo, FileChannel channel,
                   ChunkWriter writer) {
        this.spool = spool;
        this.id = id;
        this.declared = declared;
        this.room = room;
        this.pseudo = pseudo;
        this.channel = channel;
        this.writer = writer;
    }

    /**
     * Creates the part file of an upload whose size the caller reserved. On failure the reservation is
     * released.
     */
    static Upload open(Spool spool, String id, Declared declared, String room, String pseudo, BufferBudget buffers)
            throws IOException {
        try {
            FileChannel channel = FileChannel.open(spool.part(id), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            return new Upload(spool, id, declared, room, pseudo, channel, buffers.take(channel));
        } catch (IOException e) {
            spool.release(pseudo, declared.size());
            throw e;
        }
    }

    String id() {
        return id;
    }

    /**
     * Appends one chunk.
     *
     * @return {@code null} when it was written (or the upload had already ended), else the reason this
     *         chunk ended the upload; it is then cleaned up
     */
    String write(ByteBuffer data) {
        int length = data.remaining();
        lock.lock();
        try {
            if (ended) {
                return null;
            }
            if (received + length > declared.size()) {
                discard();
                return declared.filename() + ": received " + (received + length) + " bytes or more, over the "
                        + declared.size() + " it declared; nothing was kept";
            }
            try {
                writer.write(data);
            } catch (IOException e) {
                discard();
                return "the server cannot store " + declared.filename() + ": " + e.getMessage()
                        + "; nothing was kept";
            } catch (InterruptedException e) {
                discard();
                Thread.currentThread().interrupt();
                return "the server stopped the upload of " + declared.filename() + "; nothing was kept";
            }
            received += length;
            return null;
        } finally {
            lock.unlock();
        }
    }

    /** Checks the count and the hash, then stores the file. The upload has ended either way. */
    Outcome finish() {
        lock.lock();
        try {
            if (ended) {
                return new Outcome(null, "upload " + id + " had already ended");
            }
            if (received != declared.size()) {
                discard();
                return new Outcome(null, declared.filename() + ": the upload ended after " + received + " of the "
                        + declared.size() + " bytes it declared; nothing was kept");
            }
            String actual;
            try {
                actual = writer.finish();
            } catch (IOException e) {
                discard();
                return new Outcome(null, "the server cannot store " + declared.filename() + ": " + e.getMessage()
                        + "; nothing was kept");
            } catch (InterruptedException e) {
                discard();
                Thread.currentThread().interrupt();
                return new Outcome(null, "the server stopped the upload of " + declared.filename() + "; nothing was kept");
            }
            if (!actual.equals(declared.sha256())) {
                discard();
                return new Outcome(null, declared.filename() + ": SHA-256 mismatch: meta.sha256 is "
                        + declared.sha256() + " but the bytes received hash to " + actual
                        + "; nothing was kept (was the file changed while it was sent?)");
            }
            try {
                channel.close();
            } catch (IOException e) {
                discard();
                return new Outcome(null, "the server cannot store " + declared.filename() + ": " + e.getMessage()
                        + "; nothing was kept");
            }
            ended = true;
            try {
                FileInfo info = new FileInfo(id, declared.filename(), received, actual);
                return new Outcome(spool.commit(info, room, pseudo), null); // commit cleans up when it fails
            } catch (IOException e) {
                return new Outcome(null, "the server cannot store " + declared.filename() + ": " + e.getMessage()
                        + "; nothing was kept");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Abandons the upload if it is still receiving.
     *
     * @return true when this call ended it
     */
    boolean abort() {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            discard();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** True once every declared byte has arrived. */
    boolean complete() {
        lock.lock();
        try {
            return received >= declared.size();
        } finally {
            lock.unlock();
        }
    }

    /** What it has received so far, for messages. */
    String progress() {
        lock.lock();
        try {
            return Progress.bytes(received) + " of " + Progress.bytes(declared.size());
        } finally {
            lock.unlock();
        }
    }

    private void discard() {
        ended = true;
        writer.close();
        try {
            channel.close();
        } catch (IOException e) {
            // deleting it anyway
        }
        try {
            Files.deleteIfExists(spool.part(id));
        } catch (IOException e) {
            LOG.warn("cannot delete {}", spool.part(id), e);
        }
        spool.release(pseudo, declared.size());
    }
}
