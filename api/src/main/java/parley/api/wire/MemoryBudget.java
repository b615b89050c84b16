package parley.api.wire;

/**
 * Memory that many readers share, asked before a reader grows its buffer past its first size, so that
 * the buffers of all connections together stay within what the server set aside for them.
 *
 * <p><b>Threading.</b> Called from every connection's reader thread at once: thread-safe, and quick
 * (no blocking). <b>Failure.</b> A refusal ends that connection's read with a
 * {@link MemoryBudgetException}; the others go on.
 */
public interface MemoryBudget {

    /** No limit: for readers of a single connection (a client, a P2P link). */
    MemoryBudget UNLIMITED = new MemoryBudget() {
        @Override
        public boolean reserve(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {
        }
    };

    /** Takes {@code bytes} from the budget; false, taking nothing, when that would pass it. */
    boolean reserve(long bytes);

    /** Gives back bytes taken earlier. */
    void release(long bytes);
}
