package parley.p2p.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

import parley.api.Message;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.LinkException;
import parley.p2p.link.P2pMessages;

/**
 * An open link with one peer, direct or relayed: private messages ({@link #say}), files
 * ({@link #sendFile}) and closing ({@link #close}), in the same frames either way.
 *
 * <p><b>Threading.</b> Thread-safe. One virtual thread reads the link and tells the
 * {@link P2pEvents}; each file is sent on a virtual thread of its own, its chunks interleaved with
 * messages frame by frame. Writes block while the peer reads slowly. A timer sends PING after
 * {@code p2p.keepalive} of silence and drops the link after {@code p2p.link-timeout} without a
 * byte from the peer.
 *
 * <p><b>Failure.</b> Sending on a closed link throws {@link IOException}. A link ends once: closed by
 * this side (CLOSE, then the peer's end of stream), by the peer, dropped, or cut by the relay;
 * {@link P2pEvents#closed} tells why, and pending file transfers fail.
 */
public final class P2pLink {

    /** Bytes of file data per binary frame. */
    static final int CHUNK = 64 * 1024;
    /** A TLS 1.3 record's own bytes (header, content type, tag), and the most data one carries. */
    private static final int TLS_RECORD_BYTES = 22;
    private static final int TLS_RECORD_DATA = 16 * 1024;
    /** What a relayed link's TLS has cost beyond its frames, allowed for: the handshake and past records. */
    private static final long TLS_ALLOWANCE = 16 * 1024;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final String id;
    private final String peer;
    private final LinkMode mode;
    private final RelayLimits relayLimits;
    private final LinkChannel channel;
    private final P2pOptions options;
    private final P2pEvents events;
    private final Consumer<P2pLink> onEnd;
    private final Instant since = Instant.now();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger fileIds = new AtomicInteger();
    private final Map<String, Sending> sending = new ConcurrentHashMap<>();
    /** Files arriving; the reader thread's own. */
    private final Map<String, IncomingFile> receiving = new HashMap<>();
    private volatile String peerReason;
    private volatile ScheduledFuture<?> keepalive;
    private long seenReceived;
    private long seenSent;
    private long lastHeard = System.nanoTime();

    private record Sending(String name, long size, long startNanos, CompletableFuture<SentFile> result, String[] sha) {
    }

    P2pLink(String id, String peer, LinkMode mode, RelayLimits relayLimits, LinkChannel channel, P2pOptions options,
            P2pEvents events, Consumer<P2pLink> onEnd) {
        this.id = id;
        this.peer = peer;
        this.mode = mode;
        this.relayLimits = relayLimits;
        this.channel = channel;
        this.options = options;
        this.events = events;
        this.onEnd = onEnd;
    }

    void start(ScheduledExecutorService timers) {
        Thread.ofVirtual().name("p2p-link-" + id).start(this::readLoop);
        long every = Math.max(50, options.keepalive().toMillis());
        keepalive = timers.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * The SHA-256 fingerprint of the certificate the peer showed on this link's TLS
     * ({@code SHA256:AB:CD:...}): the one the server announced for it, checked. Two users who compare
     * it with the peer's own {@link P2pClient#fingerprint()} by another way (in person, on the phone)
     * know that not even the server stands between them.
     */
    public String peerFingerprint() {
        var shown = channel.peerFingerprint();
        return shown == null ? null : shown.text();
    }

    /** The link's id, as the server named it. */
    public String id() {
        return id;
    }

    /** The other side's pseudo. */
    public String peer() {
        return peer;
    }

    public LinkMode mode() {
        return mode;
    }

    /** The relay's limits for a relayed link; null for a direct one. */
    public RelayLimits relayLimits() {
        return relayLimits;
    }

    /** When the link came up. */
    public Instant since() {
        return since;
    }

    /** Bytes sent on the link, frames and handshake included. */
    public long bytesSent() {
        return channel.bytesSent();
    }

    public long bytesReceived() {
        return channel.bytesReceived();
    }

    public boolean isOpen() {
        return !closed.isDone() && !closing.get();
    }

    /** Completes with the reason once the link has ended. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    /** Sends a private message. */
    public void say(String text) throws IOException {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an empty message: type something after the pseudo");
        }
        send(Message.of(P2pMessages.MSG).put("msg", text));
    }

    /**
     * Sends a file on a virtual thread of its own. The future completes when the peer confirms it
     * received the whole file with the same SHA-256; it fails if the peer refuses it, the link ends,
     * the file cannot be read, or (relayed) it is more than the relay has left for this link.
     *
     * @param progress told the bytes sent so far, after each chunk; may be null
     */
    public CompletableFuture<SentFile> sendFile(Path file, LongConsumer progress) {
        CompletableFuture<SentFile> result = new CompletableFuture<>();
        long size;
        try {
            if (!Files.isRegularFile(file)) {
                throw new IOException(file + " is not a file");
            }
            size = Files.size(file);
        } catch (IOException e) {
            result.completeExceptionally(new LinkException("cannot send " + file + ": " + e.getMessage()));
            return result;
        }
        if (relayLimits != null) {
            // the relay counts TLS bytes: the handshake and each record's 22 bytes (a record per frame, or per
            // 16 KiB of one) come on top of the frames counted here; TLS_ALLOWANCE covers the past ones
            long left = relayLimits.maxBytes() - bytesSent() - bytesReceived() - TLS_ALLOWANCE;
            long needed = size + (size / CHUNK + 1) * (16 + TLS_RECORD_BYTES * (CHUNK / TLS_RECORD_DATA + 1)) + 512;
            if (needed > left) {
                result.completeExceptionally(new LinkException("the file is " + size + " bytes, more than the relay has"
                        + " left for this link (" + Math.max(0, left) + " of " + relayLimits.maxBytes() + " bytes)"));
                return result;
            }
        }
        if (!isOpen()) {
            result.completeExceptionally(new LinkException("the link with " + peer + " is closed"));
            return result;
        }
        String fileId = "f" + fileIds.incrementAndGet();
        String name = IncomingFile.safeName(String.valueOf(file.getFileName()));
        Sending entry = new Sending(name, size, System.nanoTime(), result, new String[1]);
        sending.put(fileId, entry);
        Thread.ofVirtual().name("p2p-file-" + id + "-" + fileId).start(() -> stream(file, fileId, entry, progress));
        return result;
    }

    private void stream(Path file, String fileId, Sending entry, LongConsumer progress) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = IncomingFile.sha256();
            send(Message.of(P2pMessages.FILE).put("id", fileId).put("name", entry.name()).put("size", entry.size()));
            byte[] buffer = new byte[CHUNK];
            long done = 0;
            int n;
            while ((n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                if (!isOpen()) {
                    throw new LinkException("the link with " + peer + " closed");
                }
                sha.update(buffer, 0, n);
                channel.sendBinary(fileId, buffer, 0, n);
                done += n;
                if (progress != null) {
                    progress.accept(done);
                }
            }
            if (done != entry.size()) {
                throw new IOException("the file changed while it was sent (" + done + " bytes, not " + entry.size() + ")");
            }
            entry.sha()[0] = HexFormat.of().formatHex(sha.digest());
            send(Message.of(P2pMessages.FILE_END).put("id", fileId).put("sha256", entry.sha()[0]));
        } catch (IOException | RuntimeException e) {
            if (sending.remove(fileId, entry)) {
                entry.result().completeExceptionally(e instanceof LinkException ? e
                        : new LinkException("could not send " + entry.name() + " to " + peer + ": " + e.getMessage()));
                sendQuietly(Message.of(P2pMessages.FILE_ABORT).put("id", fileId).put("reason", "the sender stopped"));
            }
        }
    }

    /**
     * Closes the link: the peer is told {@code reason} (CLOSE), then both ends close. Idempotent.
     */
    public void close(String reason) {
        if (closed.isDone() || !closing.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.send(Message.of(P2pMessages.CLOSE).put("reason", reason == null ? "closed" : reason));
        } catch (IOException e) {
            // the reader will see the end
        }
        channel.shutdownOutput();
        // the reader ends at the peer's end of stream; if the peer never closes, this does
        Thread.ofVirtual().start(() -> {
            try {
                closed.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                end("you closed the link with " + peer);
            }
        });
    }

    /** Ends the link at once with this reason, without telling the peer (a dead or cut link). */
    void drop(String reason) {
        end(reason);
    }

    // --- reading

    private void readLoop() {
        try {
            while (true) {
                LinkChannel.Frame frame = channel.readFrame();
                if (frame == null) {
                    end(ending());
                    return;
                }
                if (frame.binary()) {
                    chunk(frame);
                } else {
                    handle(frame.message());
                }
            }
        } catch (LinkException e) {
            end("the link with " + peer + " broke: " + e.getMessage());
        } catch (IOException e) {
            end(closing.get() ? "you closed the link with " + peer
                    : peerReason != null ? ending() : "the link with " + peer + " dropped: " + e.getMessage());
        } catch (RuntimeException e) {
            end("the link with " + peer + " failed: " + e);
        } finally {
            // files still arriving are incomplete: their partial copies go
            String reason = closed.getNow("the link with " + peer + " ended");
            for (IncomingFile file : List.copyOf(receiving.values())) {
                file.abort();
                safely(() -> events.fileFailed(this, file.name, reason));
            }
            receiving.clear();
        }
    }

    private String ending() {
        if (peerReason != null) {
            return peer + " closed the link: " + peerReason;
        }
        if (closing.get()) {
            return "you closed the link with " + peer;
        }
        return "the link with " + peer + " dropped: " + peer + " went away without closing it";
    }

    private void handle(Message message) throws IOException {
        switch (message.type()) {
            case P2pMessages.MSG -> {
                String text = message.text("msg");
                if (text != null) {
                    safely(() -> events.message(this, text));
                }
            }
            case P2pMessages.FILE -> fileStarts(message);
            case P2pMessages.FILE_END -> fileEnds(message);
            case P2pMessages.FILE_ABORT -> {
                IncomingFile file = receiving.remove(String.valueOf(message.text("id")));
                if (file != null) {
                    file.abort();
                    safely(() -> events.fileFailed(this, file.name, peer + " stopped sending it"));
                }
            }
            case P2pMessages.FILE_OK -> {
                Sending entry = sending.remove(String.valueOf(message.text("id")));
                if (entry != null) {
                    String theirs = message.text("sha256");
                    if (entry.sha()[0] != null && entry.sha()[0].equalsIgnoreCase(String.valueOf(theirs))) {
                        entry.result().complete(new SentFile(entry.name(), entry.size(), entry.sha()[0],
                                Duration.ofNanos(System.nanoTime() - entry.startNanos())));
                    } else {
                        entry.result().completeExceptionally(new LinkException(peer + " got SHA-256 " + theirs
                                + " for " + entry.name() + ", not " + entry.sha()[0]));
                    }
                }
            }
            case P2pMessages.FILE_FAILED -> {
                Sending entry = sending.remove(String.valueOf(message.text("id")));
                if (entry != null) {
                    entry.result().completeExceptionally(new LinkException(peer + " did not take " + entry.name()
                            + ": " + message.text("reason")));
                }
            }
            case P2pMessages.CLOSE -> {
                String reason = message.text("reason");
                peerReason = reason == null || reason.isBlank() ? "no reason given" : reason;
                channel.shutdownOutput(); // the peer reads to our end of stream, then both are closed
            }
            case P2pMessages.PING -> sendQuietly(Message.of(P2pMessages.PONG));
            default -> {
                // PONG, or a message of a newer version: nothing to do
            }
        }
    }

    private void fileStarts(Message message) {
        String fileId = message.text("id");
        String name = message.text("name");
        long size = message.number("size", -1);
        String problem = null;
        if (fileId == null || fileId.isEmpty() || fileId.length() > 64 || !fileId.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            problem = "a FILE needs an id of 1 to 64 printable ASCII characters";
        } else if (receiving.containsKey(fileId)) {
            problem = "file " + fileId + " is arriving already";
        } else if (size < 0) {
            problem = "a FILE needs its size";
        } else if (size > options.maxFileBytes()) {
            problem = "it is " + size + " bytes, over this client's limit of " + options.maxFileBytes() + " (p2p.max-file-bytes)";
        }
        if (problem == null) {
            try {
                receiving.put(fileId, new IncomingFile(fileId, name, size, options.downloads()));
                return;
            } catch (IOException e) {
                problem = "cannot save it in " + options.downloads() + ": " + e.getMessage();
            }
        }
        String why = problem;
        sendQuietly(Message.of(P2pMessages.FILE_FAILED).put("id", String.valueOf(fileId)).put("reason", why));
        safely(() -> events.fileFailed(this, IncomingFile.safeName(name), why));
    }

    private void chunk(LinkChannel.Frame frame) {
        IncomingFile file = receiving.get(frame.tag());
        if (file == null) {
            return; // a file refused or failed already: its remaining chunks are dropped
        }
        try {
            file.write(frame.data(), frame.offset(), frame.length());
        } catch (IOException e) {
            fail(file, e.getMessage());
        }
    }

    private void fileEnds(Message message) {
        IncomingFile file = receiving.remove(String.valueOf(message.text("id")));
        if (file == null) {
            return;
        }
        try {
            ReceivedFile received = file.finish(message.text("sha256"));
            sendQuietly(Message.of(P2pMessages.FILE_OK).put("id", file.id).put("sha256", received.sha256()));
            safely(() -> events.fileReceived(this, received));
        } catch (IOException e) {
            file.abort();
            String why = e.getMessage();
            sendQuietly(Message.of(P2pMessages.FILE_FAILED).put("id", file.id).put("reason", why));
            safely(() -> events.fileFailed(this, file.name, why));
        }
    }

    private void fail(IncomingFile file, String why) {
        receiving.remove(file.id);
        file.abort();
        sendQuietly(Message.of(P2pMessages.FILE_FAILED).put("id", file.id).put("reason", why));
        safely(() -> events.fileFailed(this, file.name, why));
    }

    // --- sending, keepalive, ending

    private void send(Message message) throws IOException {
        if (!isOpen()) {
            throw new LinkException("the link with " + peer + " is closed");
        }
        channel.send(message);
    }

    /**
     * Sends from the reader or timer thread without ever blocking it: on a virtual thread of its
     * own. Two sides streaming files at each other would otherwise each wait for the other to read.
     */
    private void sendQuietly(Message message) {
        Thread.ofVirtual().start(() -> {
            try {
                channel.send(message);
            } catch (IOException e) {
                // the reader will see the end
            }
        });
    }

    private void tick() {
        long now = System.nanoTime();
        long received = channel.bytesReceived();
        if (received != seenReceived) {
            seenReceived = received;
            lastHeard = now;
        } else if (now - lastHeard > options.linkTimeout().toNanos()) {
            long ms = options.linkTimeout().toMillis();
            end("the link with " + peer + " dropped: nothing from " + peer + " for "
                    + (ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms"));
            return;
        }
        long sent = channel.bytesSent();
        if (sent == seenSent && !closing.get()) {
            Thread.ofVirtual().start(() -> {
                try {
                    channel.trySend(Message.of(P2pMessages.PING));
                } catch (IOException e) {
                    // the reader will see the end
                }
            });
        }
        seenSent = channel.bytesSent();
    }

    private void end(String reason) {
        if (!closed.complete(reason)) {
            return;
        }
        channel.close();
        ScheduledFuture<?> k = keepalive;
        if (k != null) {
            k.cancel(false);
        }
        LinkException gone = new LinkException(reason);
        for (Sending entry : List.copyOf(sending.values())) {
            entry.result().completeExceptionally(gone);
        }
        sending.clear();
        // files still arriving are the reader's: it finds the channel closed and drops them
        onEnd.accept(this);
        safely(() -> events.closed(this, reason));
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // the user's handler failed: the link goes on
        }
    }

    @Override
    public String toString() {
        return "link " + id + " with " + peer + " (" + mode + ")";
    }
}
