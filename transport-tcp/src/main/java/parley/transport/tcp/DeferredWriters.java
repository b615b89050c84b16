package parley.transport.tcp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writers a connection's reader thread holds back while it handles frames it has already read:
 * a burst of MSGs read in one go becomes one write per member, not one writer and one write per member
 * and message (the flush at the end of a read that Netty's event loops do).
 *
 * <p>While a reader runs, {@link #current()} is its instance. A queue that an offer on that thread makes
 * non-empty does not start its writer: it is listed here ({@link OutboundQueue#startDeferred} writes it
 * later, on the reader's thread as far as the socket takes it at once). The reader writes them all
 * ({@link #flush()}) before it waits for the socket again, that is once no whole frame is left in what it
 * read and the socket has no more bytes yet (so a lone message waits for nothing, and a burst that
 * keeps coming is written in large batches), before a binary frame (whose handling may wait for the
 * byte budget), after {@link #MAX_FRAMES} frames, and when it ends.
 * An offer to a held-back queue from a thread that is not a reader (a timer, a file stream) starts its
 * writer at once; one from another reader holds it too, and the first of the two flushes starts it.
 * Anything that waits for a queue to drain starts its writer at once. So no message waits for a flush
 * but that of the reader that handled it, and only while it handles frames it has already read.
 *
 * <p>Owned by one reader thread; not thread-safe. Between flushes it holds an array of the queues held back
 * (4 bytes each); after a flush, none.
 */
final class DeferredWriters {

    /**
     * The most frames handled before what is held back is written anyway: about a write buffer's worth
     * of 100-byte messages per member ({@link WriteBuffers#SIZE}), past which holding gains nothing.
     */
    static final int MAX_FRAMES = 256;

    private static final ThreadLocal<DeferredWriters> CURRENT = new ThreadLocal<>();

    /** This transport's readers that are awake, this one among them while it is. */
    private final AwakeReaders awake;
    /** The held-back queues, {@code held} of them; allocated at the first, grown by doubling, dropped at the flush. */
    private OutboundQueue[] queues;
    private int held;
    private int frames;

    private DeferredWriters(AwakeReaders awake) {
        this.awake = awake;
    }

    /** The current thread's instance: non-null only on a reader thread, between {@link #open} and {@link #close}. */
    static DeferredWriters current() {
        return CURRENT.get();
    }

    /**
     * Makes the current thread (a connection's reader) hold back the writers its offers would start, and
     * counts it among {@code awake} until {@link #close} (less its waits for bytes: {@link #asleep}).
     */
    static DeferredWriters open(AwakeReaders awake) {
        DeferredWriters writers = new DeferredWriters(awake);
        CURRENT.set(writers);
        awake.enter();
        return writers;
    }

    /** Lists a queue whose writer waits for the next {@link #flush}. */
    void hold(OutboundQueue queue) {
        if (queues == null) {
            queues = new OutboundQueue[16];
        } else if (held == queues.length) {
            queues = Arrays.copyOf(queues, held * 2);
        }
        queues[held++] = queue;
    }

    /** True when a queue is held back, waiting for the next {@link #flush}. */
    boolean holding() {
        return held > 0;
    }

    /** Counts a frame handled; writes what is held back once {@link #MAX_FRAMES} have been since the last flush. */
    void frameDone() {
        if (++frames >= MAX_FRAMES) {
            flush();
        }
    }

    /**
     * Starts every writer held back; when this reader is the only one awake ({@link AwakeReaders#alone}),
     * it writes even small batches itself (see {@link OutboundQueue#startDeferred}).
     */
    void flush() {
        frames = 0;
        if (held == 0) {
            return;
        }
        List<Object> batch = new ArrayList<>(); // for the writes made here; dropped with the array
        boolean alone = awake.alone();
        for (int i = 0; i < held; i++) {
            queues[i].startDeferred(batch, alone);
        }
        queues = null; // an idle reader holds no array (and no other connection's queue)
        held = 0;
    }

    /** Starts what is held back and stops holding back on this thread, which no longer counts as awake. */
    void close() {
        flush();
        CURRENT.remove();
        awake.leave();
    }

    /** This reader waits for bytes (it flushed first): it does not count as awake until {@link #awake}. */
    void asleep() {
        awake.leave();
    }

    /** This reader's wait for bytes ended. */
    void awake() {
        awake.enter();
    }
}
