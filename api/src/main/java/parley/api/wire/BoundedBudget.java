package parley.api.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link MemoryBudget} of a fixed number of bytes, one counter shared by all the readers that take from
 * it: what a transport's connections may hold together beyond what each holds without asking (the TCP
 * transport's {@code inbound-budget}, the web plugin's {@code web.inbound-budget}). Thread-safe and
 * lock-free.
 */
public final class BoundedBudget implements MemoryBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /**
     * @param limit the bytes that may be taken at once
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public BoundedBudget(long limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("a budget cannot be negative, got " + limit);
        }
        this.limit = limit;
    }

    @Override
    public boolean reserve(long bytes) {
        while (true) {
            long now = used.get();
            if (now + bytes > limit) {
                return false;
            }
            if (used.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }

    @Override
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes taken now, for figures. */
    public long used() {
        return used.get();
    }
}
