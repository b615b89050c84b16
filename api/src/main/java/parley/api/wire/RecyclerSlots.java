package parley.api.wire;

import java.util.concurrent.atomic.AtomicReferenceArray;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Where {@link Json}'s parsers and generators get their buffers: a fixed row of slots, each holding
 * one idle {@link BufferRecycler} or nothing. A thread takes from the first full slot and gives back to
 * the first empty one, starting from a slot picked by its thread id, so that threads seldom meet on a
 * slot; with all slots empty it makes a new recycler, with all full it drops the one it gives back.
 *
 * <p>Jackson's default pool is a {@code ConcurrentLinkedDeque} (a node allocated and unlinked per
 * use); on two threads, as a server's or a client's readers are on two cores, these slots decode
 * frames 1.19 times and encode them 1.49 times as fast (JMH, {@code ./parley bench jmh -t 2};
 * docs/PERFORMANCE.md). A thread-local pool, as fast, would keep buffers in every connection's reader
 * thread, idle ones included.
 *
 * <p>Thread-safe and lock-free; holds at most {@code size} recyclers. A recycler keeps the buffers it
 * was given back: a few KiB after chat messages, a few hundred KiB at most after very large ones
 * (Jackson grows a text or byte buffer to 128 KiB, then adds segments it does not keep), so 16 slots
 * hold some 5 MiB at the very worst. Jackson's default pool had no bound at all.
 */
final class RecyclerSlots implements RecyclerPool<BufferRecycler> {

    private final AtomicReferenceArray<BufferRecycler> slots;
    private final int mask;

    /** @param size the number of slots, a power of two */
    RecyclerSlots(int size) {
        if (size <= 0 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("the slots must be a power of two, got " + size);
        }
        slots = new AtomicReferenceArray<>(size);
        mask = size - 1;
    }

    @Override
    public BufferRecycler acquirePooled() {
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i <= mask; i++) {
            int at = (start + i) & mask;
            if (slots.getPlain(at) != null) {
                BufferRecycler taken = slots.getAndSet(at, null);
                if (taken != null) {
                    return taken;
                }
            }
        }
        return new BufferRecycler();
    }

    @Override
    public void releasePooled(BufferRecycler recycler) {
        int start = (int) Thread.currentThread().threadId();
        for (int i = 0; i <= mask; i++) {
            int at = (start + i) & mask;
            if (slots.getPlain(at) == null && slots.compareAndSet(at, null, recycler)) {
                return;
            }
        }
    }

    /** The recyclers held now; for tests. */
    int held() {
        int held = 0;
        for (int i = 0; i <= mask; i++) {
            if (slots.get(i) != null) {
                held++;
            }
        }
        return held;
    }
}
