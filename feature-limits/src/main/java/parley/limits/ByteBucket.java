package parley.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket counted in bytes: it holds up to {@code burst} bytes of credit and gains
 * {@code perSecond} a second. A request takes its size if the credit covers it; a binary frame takes
 * its size in any case, into debt, and its sender waits the debt off. Pure and deterministic over the
 * clock it is given.
 *
 * <p>Not thread-safe: a session's requests and frames arrive one at a time on its reader thread, the
 * only caller.
 */
final class ByteBucket {

    private static final long SECOND = 1_000_000_000L;

    private final long perSecond;
    private final long burst;
    private final LongSupplier clock;
    private long credit;
    private long last;

    ByteBucket(long perSecond, long burst, LongSupplier clock) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a byte bucket needs a positive rate and burst, got " + perSecond
                    + " B/s and " + burst + " B");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.clock = clock;
        this.last = clock.getAsLong();
        this.credit = burst;
    }

    private void refill() {
        long now = clock.getAsLong();
        long elapsed = now - last;
        last = now;
        if (elapsed <= 0) {
            return;
        }
        // elapsed * perSecond may overflow after a long idle spell: cap elapsed at a full refill first
        long full = (burst - credit) * SECOND / perSecond + 1;
        long gained = elapsed >= full ? burst - credit : elapsed * perSecond / SECOND;
        credit = Math.min(burst, credit + gained);
    }

    /**
     * Takes {@code bytes} if the credit covers them (a request larger than the burst needs a full
     * bucket, and then takes it all).
     *
     * @return 0 when taken; otherwise how many nanoseconds until there is enough
     */
    long take(long bytes) {
        refill();
        long needed = Math.min(bytes, burst);
        if (credit >= needed) {
            credit -= needed;
            return 0;
        }
        return nanosFor(needed - credit);
    }

    /**
     * Takes {@code bytes} whatever the credit, going into debt if needed.
     *
     * @return how many nanoseconds until the debt is paid off (0 when there was credit enough)
     */
    long takeOwing(long bytes) {
        refill();
        credit -= bytes;
        return credit >= 0 ? 0 : nanosFor(-credit);
    }

    private long nanosFor(long bytes) {
        return (bytes * SECOND + perSecond - 1) / perSecond;
    }
}
