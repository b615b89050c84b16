package parley.transport.tcp;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a transport's reader threads are awake: handling what they read, or ready to run, as
 * opposed to waiting for bytes. A reader's flush ({@link DeferredWriters#flush}) asks whether it is
 * {@link #alone}: then nothing another reader handles next can join its members' batches, so it writes
 * even a small batch itself rather than start a writer thread per member for it (a steady stream: one
 * sender, one message per read). With other readers awake, a small batch goes to a writer thread, which
 * runs after them and so takes what they queue meanwhile in the same write (a busy room: many senders).
 *
 * <p>Thread-safe; a counter, changed by each reader as it starts and ends a turn
 * ({@link DeferredWriters#open}, {@link DeferredWriters#close}) and around each wait for bytes
 * ({@link PolledSocket}'s read). An approximation by design: a reader that becomes ready just after
 * the flush asked is not seen, and costs nothing worse than the write it would have been part of.
 */
final class AwakeReaders {

    private final AtomicInteger awake = new AtomicInteger();

    /** A reader is awake: a turn starts, or its wait for bytes ended. */
    void enter() {
        awake.incrementAndGet();
    }

    /** A reader waits for bytes, or its turn ended. */
    void leave() {
        awake.decrementAndGet();
    }

    /** True when the calling reader (counted) is the only one awake. */
    boolean alone() {
        return awake.get() <= 1;
    }

    /** Readers awake now, for the figures ({@code tcp_readers_awake}). */
    int count() {
        return awake.get();
    }
}
