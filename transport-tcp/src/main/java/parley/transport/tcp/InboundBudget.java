package parley.transport.tcp;

import java.util.concurrent.atomic.AtomicLong;

import parley.api.wire.MemoryBudget;

/**
 * What all connections' read buffers may grow into together, beyond the 16 KiB each starts with
 * ({@code inbound-budget}; by default a quarter of the heap): a client sending a large message takes
 * from it while the message arrives and gives it back once idle or gone. Thread-safe: one counter.
 */
final class InboundBudget implements MemoryBudget {

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    InboundBudget(long limit) {
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

    long used() {
        return used.get();
    }
}
