package parley.api;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One client connection as the server's features see it.
 *
 * <p>A session speaks one {@link PayloadForm} over one protocol (say {@code tcp/framed}, or later
 * {@code tls/tcp/legacy}); everything sent to it is encoded in that form, and its transport frames it.
 * It has no pseudo until LOGIN, and keeps it until it closes.
 *
 * <p><b>Threading.</b> All methods are thread-safe. {@code send} never blocks: it appends to the
 * connection's bounded outbound queue, which its own writer drains. A connection whose queue
 * overflows is closed (its reader then reports the close as for any other drop).
 */
public interface Session {

    /** A number unique among this server's connections. */
    long id();

    /** The pseudo given at LOGIN, or {@code null} before that. */
    String pseudo();

    default boolean loggedIn() {
        return pseudo() != null;
    }

    /**
     * True when an {@link Authenticator} accepted this session's LOGIN (a password checked, a resume
     * token proved), false when the pseudo was taken first come, or before LOGIN. Features that give a
     * pseudo powers (operators) require it, so nobody gets them by taking a free pseudo.
     */
    default boolean authenticated() {
        return false;
    }

    /**
     * True when this session is a server operator: its pseudo is in the {@code operators} setting and
     * its LOGIN was {@link #authenticated()}. Fixed at LOGIN.
     */
    default boolean operator() {
        return false;
    }

    /**
     * True when this session has closed by a drop (not BYE, not closed on purpose by the server) and its
     * user may come back with its resume token within {@code resume-window}: set before the
     * {@link SessionListener}s are told of the close, so that they can keep its state for a
     * {@link ResumeListener} instead of dropping it. False while open, and for every other close.
     */
    default boolean resumable() {
        return false;
    }

    /** How messages to this session are encoded. */
    PayloadForm form();

    /**
     * The protocol the connection speaks, as its transport names it: the layers from the outside in,
     * e.g. {@code tcp/framed}, {@code tcp/legacy}.
     */
    String protocol();

    /** True when the connection is encrypted (TLS) from the client to this server. */
    boolean secure();

    /** The address the server sees this connection coming from. */
    InetSocketAddress remoteAddress();

    /**
     * Encodes the message in this session's form and queues it.
     *
     * @return false when the session is closed or its queue overflowed (the message is dropped)
     */
    boolean send(Message message);

    /** Queues an already-encoded message, sharing its bytes with other recipients. */
    boolean send(Outbound message);

    /**
     * Queues a binary frame (JSON sessions only): {@code length} bytes of {@code data} for {@code tag}.
     * The bytes are copied: the caller may reuse its array at once.
     *
     * @return false when the session is closed or its queue overflowed
     * @throws UnsupportedOperationException on a legacy (line) session
     */
    boolean sendBinary(String tag, byte[] data, int offset, int length);

    /**
     * Queues a binary frame (JSON sessions only) whose data is the remaining bytes of {@code data},
     * without copying them: for a sender that streams a file through a few reused buffers. A transport
     * writes a direct buffer to its socket as it is, so a file read into one reaches the socket with no
     * copy in the JVM.
     *
     * <p>The buffer belongs to the session until it runs {@code release}, exactly once: after the frame
     * is written, or when the frame is dropped because the connection closed or its queue overflowed,
     * which may happen before this method returns. Do not touch the buffer until then. {@code release}
     * runs on the transport's writer thread, or on the caller's, and must not block.
     *
     * @return false when the session is closed or its queue overflowed ({@code release} has run)
     * @throws UnsupportedOperationException on a legacy session ({@code release} has run)
     */
    boolean sendBinary(String tag, ByteBuffer data, Runnable release);

    /**
     * Waits until at most {@code bytes} are queued for this session, for a sender that streams a lot
     * of data (a download) and must not overflow the queue. Call it from the streaming thread, never
     * from a reader thread.
     *
     * @return false when the session closed or the time ran out first
     */
    boolean awaitQueuedBelow(long bytes, Duration timeout) throws InterruptedException;

    boolean isOpen();

    /**
     * Closes the connection after what is already queued is written, within the transport's grace.
     * Session listeners run once, on the connection's reader thread.
     */
    void close(String reason);
}
