package parley.files.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Session;
import parley.api.sequence.Sequence;
import parley.api.wire.Json;
import parley.files.DirectBuffers;
import tools.jackson.databind.node.ObjectNode;

/**
 * One download being streamed: reads the stored file in chunks into direct buffers and queues each as
 * a binary frame for the downloader, then ends the sequence with COMPLETE. The transport writes each
 * buffer to the socket as it is and gives it back ({@link Session#sendBinary(String, ByteBuffer, Runnable)}),
 * so the bytes cross the JVM with no copy. At most {@link #BUFFERS} chunks are in flight, and no more
 * than {@link #WINDOW} bytes wait in the downloader's queue before the next chunk is queued.
 *
 * <p><b>Threading.</b> {@link #run} runs on a virtual thread of its own, never on a reader thread,
 * because it waits for the downloader to read ({@link Session#awaitQueuedBelow}). {@link #stop} may be
 * called from any thread (deadline, disconnect, shutdown); it wakes the stream, which then ends. The
 * file is closed and the download slot released, once, however it ends.
 */
final class Download implements Runnable {

    /** Bytes per binary frame. */
    static final int CHUNK = 256 * 1024;
    /** Most bytes left waiting in the downloader's queue before the next chunk is queued. */
    static final long WINDOW = 512 * 1024;
    /** Chunks in flight: in the queue, being written, or being read from the file. */
    static final int BUFFERS = 3;
    /** Memory one download holds at once (direct, outside the heap, which bounds it too). */
    static final long FOOTPRINT = (long) BUFFERS * CHUNK;

    private static final Logger LOG = LoggerFactory.getLogger(Download.class);
    private static final Duration SLICE = Duration.ofSeconds(1);

    private final FileService files;
    private final Sequence sequence;
    private final Session session;
    private final StoredFile file;
    private final FileChannel channel;
    private final String tag;
    private final DirectBuffers buffers;
    private final Semaphore inFlight = new Semaphore(BUFFERS);
    private final AtomicBoolean slotHeld = new AtomicBoolean(true);
    private volatile boolean stopped;
    private volatile Thread thread;

    Download(FileService files, Sequence sequence, StoredFile file, FileChannel channel, String tag) {
        this.files = files;
        this.sequence = sequence;
        this.session = sequence.initiator();
        this.file = file;
        this.channel = channel;
        this.tag = tag;
        this.buffers = files.directBuffers();
    }

    /** Starts streaming on a virtual thread of its own. */
    void start() {
        thread = Thread.ofVirtual().name("parley-files-download-" + sequence.id()).start(this);
    }

    /**
     * Stops the stream: frees its download slot at once (before the caller ends the sequence, so a retry
     * right after the ERROR finds it free) and wakes the thread, which closes the file and ends.
     */
    void stop() {
        stopped = true;
        releaseSlot();
        Thread running = thread;
        if (running != null) {
            running.interrupt();
        }
    }

    @Override
    public void run() {
        try (channel) {
            sequence.isActive(); // waits until the engine has queued the ACK
            long sent = 0;
            while (sent < file.size()) {
                if (stopped || !session.isOpen()) {
                    return; // the sequence was ended by whoever stopped it
                }
                if (!inFlight.tryAcquire(SLICE.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue; // the downloader is slow: look again at stop and the connection
                }
                int want = (int) Math.min(CHUNK, file.size() - sent);
                if (!queueChunk(sent, want)) {
                    return;
                }
                sent += want;
                sequence.extendDeadline(files.stallTimeout());
            }
            ObjectNode result = Json.object();
            result.set("file", file.info().toJson());
            result.put("bytes", sent);
            releaseSlot(); // before COMPLETE, so the downloader may start another at once
            sequence.complete(result);
        } catch (IOException e) {
            if (!stopped) {
                LOG.warn("cannot read {} for {}", file.id(), session, e);
                sequence.fail("the server cannot read " + file.id() + ": " + e.getMessage());
            }
        } catch (InterruptedException e) {
            if (!stopped) {
                sequence.fail("the server stopped the download of " + file.id());
            }
        } finally {
            releaseSlot();
        }
    }

    /**
     * Reads {@code length} bytes at {@code position} into a buffer and queues them, once the queue is
     * below the window. The buffer comes back (and the in-flight permit taken for it is returned) when
     * the transport has written or dropped it, or here if it never reaches the transport.
     *
     * @return false when the download must end: the connection closed, it was stopped, or the file is
     *         short (the sequence is then failed here)
     */
    private boolean queueChunk(long position, int length) throws IOException, InterruptedException {
        ByteBuffer chunk = buffers.take();
        Runnable release = () -> {
            buffers.give(chunk);
            inFlight.release();
        };
        boolean queued = false;
        try {
            if (!read(chunk.limit(length), position)) {
                sequence.fail(file.id() + " is shorter on the server's disk than its " + file.size()
                        + " bytes; it is damaged");
                return false;
            }
            while (!session.awaitQueuedBelow(WINDOW, SLICE)) {
                if (stopped || !session.isOpen()) {
                    return false;
                }
            }
            queued = true; // from here on the session releases it, even when it refuses it
            return session.sendBinary(tag, chunk.flip(), release);
        } finally {
            if (!queued) {
                release.run();
            }
        }
    }

    /** Fills {@code chunk} from the file at {@code position}; false if the file ends first. */
    private boolean read(ByteBuffer chunk, long position) throws IOException {
        while (chunk.hasRemaining()) {
            if (channel.read(chunk, position + chunk.position()) < 0) {
                return false;
            }
        }
        return true;
    }

    private void releaseSlot() {
        if (slotHeld.compareAndSet(true, false)) {
            files.releaseDownloadSlot();
        }
    }
}
