package parley.limits;

import java.util.function.LongSupplier;

/**
 * Counts a session's refusals over a window: too many of them mean the client does not slow down, and
 * the session is closed. Not thread-safe: called on the session's reader thread only.
 */
final class FloodWatch {

    private final int limit;
    private final long window;
    private final LongSupplier clock;
    private long windowStart;
    private int refusals;

    FloodWatch(int limit, long windowNanos, LongSupplier clock) {
        this.limit = limit;
        this.window = windowNanos;
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /** Records one refusal; true when it makes {@code limit} within the window. */
    boolean refusedOnceMore() {
        long now = clock.getAsLong();
        if (now - windowStart > window) {
            windowStart = now;
            refusals = 0;
        }
        return ++refusals >= limit;
    }
}
