package parley.api.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

import parley.api.PayloadForm;

/**
 * A transport's side of one client connection, as the kernel sees it. The kernel hands it payloads
 * (JSON objects or legacy lines, see {@link PayloadForm}); the transport frames them its own way (TCP: a
 * 4-byte length, WebSocket: a text message) and never changes them. Thread-safe.
 */
public interface Connection {

    /** The payload form this connection speaks; fixed once the kernel opened a session for it. */
    PayloadForm form();

    /** The protocol's layers from the outside in, e.g. {@code tcp/framed}; see {@link parley.api.Session#protocol()}. */
    String protocol();

    /** True when the bytes are encrypted between the client and this server. */
    boolean secure();

    InetSocketAddress remoteAddress();

    /**
     * Queues one payload without blocking; the transport frames it on the way out. The bytes may be
     * shared with other connections and must not be changed.
     *
     * @return false when the connection is closed, or when this offer overflowed its bounded queue
     *         (the connection then closes, off the caller's thread; its reader reports it)
     */
    boolean offer(byte[] payload);

    /**
     * Queues a binary frame's payload: {@code head} (from {@link parley.api.wire.BinaryFrame#head}), then
     * the remaining bytes of {@code data}, and runs {@code release} exactly once, when the data has been
     * written or dropped (see {@link parley.api.Session#sendBinary(String, ByteBuffer, Runnable)}). Never
     * blocks.
     *
     * <p>The default joins the two into one array, releases the buffer at once and offers the array; a
     * transport that can write a buffer as it is (a direct one, with no copy) overrides it.
     *
     * @return as {@link #offer(byte[])}
     */
    default boolean offerBinary(byte[] head, ByteBuffer data, Runnable release) {
        byte[] payload;
        try {
            payload = new byte[head.length + data.remaining()];
            System.arraycopy(head, 0, payload, 0, head.length);
            data.get(payload, head.length, data.remaining());
        } finally {
            release.run();
        }
        return offer(payload);
    }

    /**
     * How many payloads this connection has queued since it opened: those {@link #offer} and
     * {@link #offerBinary} accepted. The server's {@code messages_out_total} is their sum. A transport
     * counts them where it already synchronizes the offer (TCP: under its queue's lock), so that a
     * broadcast to a room does not also update one counter shared by every member. Any thread; never blocks.
     *
     * <p>The default counts nothing and returns 0: a transport built before API 4 leaves its connections'
     * messages out of the figure, and runs as it did.
     */
    default long offered() {
        return 0;
    }

    /**
     * Waits until at most {@code bytes} are queued.
     *
     * @return false when the connection closed or the time ran out first
     */
    boolean awaitQueuedBelow(long bytes, Duration timeout) throws InterruptedException;

    /**
     * Writes what is queued (waiting at most the transport's grace), then closes. Idempotent. The
     * reader thread reports the close through {@link ConnectionHandler#closed}.
     */
    void close(String reason);

    boolean isOpen();
}
