package parley.api;

import java.util.concurrent.ScheduledExecutorService;

import parley.api.sequence.Sequences;

/**
 * What the kernel offers the features of one running server. Thread-safe.
 */
public interface ServerContext {

    Config config();

    Sessions sessions();

    Services services();

    /** The sequence engine (Story 6): starts, tracks and ends sequences. */
    Sequences sequences();

    /**
     * Wraps a message for a broadcast, so that it is encoded once per wire form however many
     * sessions receive it.
     */
    Outbound encodeOnce(Message message);

    /**
     * Routes the binary frames that {@code session} sends with this tag to {@code sink}, until
     * {@link #unrouteBinary} or the session closes. A binary frame with no route gets ERROR.
     *
     * @throws IllegalStateException if the session already has a route for this tag
     */
    void routeBinary(Session session, String tag, BinarySink sink);

    void unrouteBinary(Session session, String tag);

    /**
     * A shared scheduler for short timer tasks (deadlines, status ticks). Tasks must not block;
     * an exception in one is logged and does not stop the others.
     */
    ScheduledExecutorService timers();
}
