package parley.limits;

import java.util.function.LongSupplier;

/**
 * A token bucket: it holds up to {@code burst} tokens and gains {@code perSecond} a second; each
 * request takes one. Pure and deterministic over the clock it is given.
 *
 * <p>Not thread-safe: a session's requests run one at a time on its reader thread, which is the only
 * caller.
 */
final class TokenBucket {

    private static final long SECOND = 1_000_000_000L;

    private final long burst;
    private final long nanosPerToken;
    private final LongSupplier clock;
    /** Tokens, in nanoseconds' worth of refill: {@code burst * nanosPerToken} when full. */
    private long credit;
    private long last;

    TokenBucket(int perSecond, int burst, LongSupplier clock) {
        if (perSecond <= 0 || burst <= 0) {
            throw new IllegalArgumentException("a bucket needs a positive rate and burst, got " + perSecond + "/s and " + burst);
        }
        this.burst = burst;
        this.nanosPerToken = SECOND / perSecond;
        this.clock = clock;
        this.last = clock.getAsLong();
        this.credit = burst * nanosPerToken;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when taken; otherwise how many nanoseconds until one is there
     */
    long take() {
        long now = clock.getAsLong();
        credit = Math.min(burst * nanosPerToken, credit + (now - last));
        last = now;
        if (credit >= nanosPerToken) {
            credit -= nanosPerToken;
            return 0;
        }
        return nanosPerToken - credit;
    }
}
