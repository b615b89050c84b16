package parley.api.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import parley.api.WireForm;

/**
 * A transport's side of one client connection, as the kernel sees it. Thread-safe.
 */
public interface Connection {

    WireForm form();

    InetSocketAddress remoteAddress();

    /**
     * Queues encoded bytes without blocking. The bytes may be shared with other connections and
     * must not be changed.
     *
     * @return false when the connection is closed, or when this offer overflowed its bounded queue
     *         (the connection then closes; its reader reports it)
     */
    boolean offer(byte[] bytes);

    /**
     * Queues a binary frame: {@code header} (from {@link parley.api.wire.BinaryFrame#header}), then the
     * remaining bytes of {@code data}, and runs {@code release} exactly once, when the data has been
     * written or dropped (see {@link parley.api.Session#sendBinary(String, ByteBuffer, Runnable)}). Never
     * blocks.
     *
     * <p>The default joins the two into one array, releases the buffer at once and offers the array; a
     * transport that can write a buffer as it is (a direct one, with no copy) overrides it.
     *
     * @return as {@link #offer(byte[])}
     */
    default boolean offer(byte[] header, ByteBuffer data, Runnable release) {
        byte[] frame;
        try {
            frame = new byte[header.length + data.remaining()];
            System.arraycopy(header, 0, frame, 0, header.length);
            data.get(frame, header.length, data.remaining());
        } finally {
            release.run();
        }
        return offer(frame);
    }

    /**
     * Waits until at most {@code bytes} are queued.
     *
     * @return false when the connection closed or the time ran out first
     */
    boolean awaitQueuedBelow(long bytes, java.time.Duration timeout) throws InterruptedException;

    /**
     * Writes what is queued (waiting at most the transport's grace), then closes. Idempotent. The
     * reader thread reports the close through {@link ConnectionHandler#closed}.
     */
    void close(String reason);

    boolean isOpen();
}
