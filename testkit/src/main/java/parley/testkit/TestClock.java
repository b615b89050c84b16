package parley.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that a test moves by hand, to expire tokens, windows or old events without waiting. UTC, in
 * milliseconds. Thread-safe: the code under test may read it on its own threads.
 */
public final class TestClock extends Clock {

    private final AtomicLong millis;

    /** A clock at {@code start}. */
    public TestClock(Instant start) {
        this.millis = new AtomicLong(start.toEpochMilli());
    }

    /** Sets the time, in milliseconds since the epoch. */
    public void set(long epochMillis) {
        millis.set(epochMillis);
    }

    /** Moves the time forward by {@code by}. */
    public void advance(Duration by) {
        millis.addAndGet(by.toMillis());
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
