package parley.files.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Session;
import parley.api.sequence.Sequence;
import parley.api.wire.BinaryFrame;
import parley.api.wire.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * One download being streamed: reads the stored file in chunks and queues each as a binary frame
 * for the downloader, never letting more than {@link #WINDOW} bytes wait in its outbound queue, then
 * ends the sequence with COMPLETE.
 *
 * <p><b>Threading.</b> {@link #run} runs on a virtual thread of its own, never on a reader thread,
 * because it waits for the downloader to read ({@link Session#awaitQueuedBelow}). {@link #stop} may be
 * called from any thread (deadline, disconnect, shutdown); it wakes the stream, which then ends. The
 * file is closed and the download slot released, once, however it ends.
 */
final class Download implements Runnable {

    /** Bytes per binary frame. */
    static final int CHUNK = 256 * 1024;
    /** Most bytes left waiting in the downloader's queue before the next chunk is read. */
    static final long WINDOW = 512 * 1024;
    /** Heap one download may hold at once: its read buffer, the window, and one more frame being queued. */
    static final long FOOTPRINT = CHUNK + WINDOW + CHUNK;

    private static final Logger LOG = LoggerFactory.getLogger(Download.class);
    private static final Duration SLICE = Duration.ofSeconds(1);

    private final FileService files;
    private final Sequence sequence;
    private final Session session;
    private final StoredFile file;
    private final FileChannel channel;
    private final String tag;
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
                if (!session.awaitQueuedBelow(WINDOW, SLICE)) {
                    continue; // the downloader is slow: look again at stop and the connection
                }
                // read the chunk straight into its frame: no copy between the file and the queue
                int want = (int) Math.min(CHUNK, file.size() - sent);
                BinaryFrame.Buffer frame = BinaryFrame.allocate(tag, want);
                ByteBuffer target = ByteBuffer.wrap(frame.bytes(), frame.dataOffset(), want);
                while (target.hasRemaining()) {
                    if (channel.read(target, sent + target.position() - frame.dataOffset()) < 0) {
                        sequence.fail(file.id() + " is shorter on the server's disk than its " + file.size()
                                + " bytes; it is damaged");
                        return;
                    }
                }
                if (!session.sendFrame(frame.bytes())) {
                    return; // the connection closed; the engine ends the sequence
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

    private void releaseSlot() {
        if (slotHeld.compareAndSet(true, false)) {
            files.releaseDownloadSlot();
        }
    }
}
