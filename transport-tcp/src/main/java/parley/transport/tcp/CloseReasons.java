package parley.transport.tcp;

import java.nio.channels.ClosedChannelException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a connection's reader stopped, in words for the close reason that the log and the other side
 * see, from what its reads or its handling threw. Shared by {@link ConnectionReader} (before a
 * protocol is chosen) and {@link ReadLoop} (while one serves the connection).
 */
final class CloseReasons {

    private static final Logger LOG = LoggerFactory.getLogger(CloseReasons.class);

    private CloseReasons() {
    }

    /**
     * The reason for {@code failure}, thrown while reading {@code connection} (an {@link java.io.IOException}
     * or a {@link RuntimeException}). A runtime exception is a bug of the server's: it is logged with its
     * stack trace, and the connection closes with "internal error".
     */
    static String of(Exception failure, Object connection) {
        if (failure instanceof ClosedChannelException) {
            return "connection closed";
        }
        if (failure instanceof RuntimeException) {
            LOG.warn("reader of {} failed", connection, failure);
            return "internal error: " + failure;
        }
        return "read failed: " + failure.getMessage();
    }
}
