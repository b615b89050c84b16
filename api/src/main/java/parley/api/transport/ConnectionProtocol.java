package parley.api.transport;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * SPI: a protocol a connection may speak, recognised from its first bytes, found with
 * {@link java.util.ServiceLoader}. A byte-stream transport (TCP) asks the protocols of every loaded
 * plugin, then its own fallbacks, in order of {@link #priority()} (highest first; equal priorities in
 * plugin start order), and hands the connection to the first that answers {@link Detection#MATCH} once
 * every protocol asked before it has answered {@link Detection#NO_MATCH}. While one asked before still
 * answers {@link Detection#NEED_MORE}, the transport reads more bytes, up to {@link #HEAD_LIMIT} and
 * within its {@code first-bytes-timeout}; after that, "need more" counts as no match. When nothing
 * matches, the kernel refuses the connection (ERROR, then close).
 *
 * <p>A protocol either serves the connection itself (an HTTP endpoint answering a page) or wraps the
 * stream (TLS through an {@code SSLEngine}) and asks the transport to choose again on the unwrapped
 * bytes with {@link ProtocolStream#selectAgain}, which makes the session's protocol layered (e.g.
 * {@code tls/tcp/framed}) and, if it says so, secure.
 *
 * <p>A client that stalls inside the head is closed at the transport's first-bytes timeout. After a
 * {@link ProtocolStream#selectAgain}, the inner selection is bounded by the same timeout, counted from
 * the connection's accept.
 *
 * <p>One instance per server and plugin; it is shared by every connection of that server, so it keeps
 * no per-connection state in fields.
 */
public interface ConnectionProtocol {

    /** The most bytes a transport reads before it decides: a protocol needing more never matches. */
    int HEAD_LIMIT = 64;

    /**
     * The protocol's layer name in {@link parley.api.Session#protocol()}, e.g. {@code http} or {@code tls}.
     * Called by any thread (logs); must not block or throw.
     */
    String name();

    /**
     * Where it is asked among the others: higher first. Plugins' protocols default to 0; TCP's own
     * fallbacks (legacy lines, then frames) are negative, so a detector of {@code "GET "} is asked
     * before the legacy detector, which takes any capital letter. Read once, when a transport starts, on
     * the thread that starts the server; must not block or throw (a throw fails the server's start).
     */
    default int priority() {
        return 0;
    }

    /**
     * Whether {@code head} starts this protocol. Called on the connection's reader thread, once per
     * read of the head, with every byte read so far from the buffer's position to its limit (a
     * read-only view, at most {@link #HEAD_LIMIT} bytes). Must not block or keep the buffer. A protocol
     * that throws is logged and counted as {@link Detection#NO_MATCH}.
     */
    Detection detect(ByteBuffer head);

    /**
     * Serves a connection whose head matched; returns when it is done with it (the transport then
     * closes the socket). Called on the connection's reader thread (a virtual thread): it may block on
     * the stream's reads and writes as long as it likes. The stream replays the head first. When it
     * throws, the transport logs it and closes the connection.
     */
    void serve(ProtocolStream stream) throws IOException;
}
