package parley.transport.web;

import java.util.concurrent.atomic.AtomicLong;

import parley.api.wire.MemoryBudget;

/**
 * What all WebSockets' partial messages may hold together, beyond {@link #FREE} each
 * ({@code web.inbound-budget}; by default a quarter of the heap), as the TCP transport's inbound budget
 * does for frames: Netty's decoder and aggregator keep a message's bytes until it is whole, and a
 * client that starts a large message takes from here until it ends. Thread-safe: one counter.
 */
final class InboundBudget implements MemoryBudget {

    /** What each connection may hold without asking: one read buffer's worth. */
    static final long FREE = 16 << 10;

    private final long limit;
    private final AtomicLong used = new AtomicLong();

    InboundBudget(long limit) {
        this.limit = limit > 0 ? limit : Runtime.getRuntime().maxMemory() / 4;
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

    /** Bytes lent now. */
    long used() {
        return used.get();
    }
}
