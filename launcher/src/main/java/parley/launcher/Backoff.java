package parley.launcher;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Waits between reconnection tries: doubling from {@code first} up to {@code cap}, each wait drawn at
 * random between half and all of it ("equal jitter"), so that clients dropped together by a restart do
 * not all come back in the same millisecond. Not thread-safe: one per reconnection.
 */
final class Backoff {

    private final Duration cap;
    private Duration ceiling;

    Backoff(Duration first, Duration cap) {
        this.cap = cap;
        this.ceiling = first;
    }

    /** The next wait: between half and all of the current ceiling, which then doubles up to the cap. */
    Duration next() {
        long max = ceiling.toMillis();
        long wait = max / 2 + ThreadLocalRandom.current().nextLong(max - max / 2 + 1);
        ceiling = ceiling.multipliedBy(2).compareTo(cap) > 0 ? cap : ceiling.multipliedBy(2);
        return Duration.ofMillis(wait);
    }
}
