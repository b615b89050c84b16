package parley.transport.tcp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes all connections' outbound queues may hold together ({@code outbound-budget}; by default a
 * quarter of the heap), so that many clients that never read cannot make the server run out of memory
 * while each stays under its own {@code outbound-queue-bytes}. Past the budget, a connection that holds
 * more than its {@link #FAIR_SHARE} unread is disconnected as a slow reader when more is offered to it;
 * connections that keep up are served as before. Thread-safe: one counter, which each queue moves in
 * steps ({@link OutboundQueue#RESERVE_STEP}) rather than per message, because every connection shares it.
 */
final class OutboundBudget {

    /** What a connection may hold unread whatever the budget: a few screens of chat. */
    static final long FAIR_SHARE = 64 * 1024;

    private final long limit;
    private final AtomicLong used = new AtomicLong();
    private final java.util.concurrent.atomic.LongAdder dropped = new java.util.concurrent.atomic.LongAdder();

    OutboundBudget(long limit) {
        this.limit = limit;
    }

    /** The default: a quarter of the heap the JVM may use. */
    static long defaultLimit() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /** Counts {@code delta} bytes in (positive) or out (negative). */
    void add(long delta) {
        used.addAndGet(delta);
    }

    /** True when {@code more} bytes would take the total past the budget. */
    boolean over(long more) {
        return used.get() + more > limit;
    }

    /** Counts a connection disconnected for not reading (its queue or the budget overflowed). */
    void dropped() {
        dropped.increment();
    }

    long droppedCount() {
        return dropped.sum();
    }

    long used() {
        return used.get();
    }

    long limit() {
        return limit;
    }
}
