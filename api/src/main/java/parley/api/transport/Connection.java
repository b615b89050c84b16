package parley.api.transport;

import java.net.InetSocketAddress;

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
