package parley.history;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code time} of pushes, as the rooms stamp it ({@code 2026-11-27T04:51:07.120Z}), into epoch
 * milliseconds. A busy room stamps thousands of events within one second: the part up to the seconds is
 * parsed once per second, and for the next ones only the three digits of the milliseconds are read. Any
 * other ISO 8601 instant is parsed in full. Confined to the writer thread: not thread-safe.
 */
final class PushTimes {

    /** {@code 2026-11-27T04:51:07.}: the part of the last time parsed in full, up to its milliseconds. */
    private static final int SECONDS = 20;
    private static final int LENGTH = SECONDS + 4;

    private String lastSecond;
    private long lastSecondMillis;

    /**
     * The time in epoch milliseconds.
     *
     * @throws DateTimeParseException if it is not an ISO 8601 instant
     */
    long millis(String time) {
        int fraction = time.length() == LENGTH && time.charAt(LENGTH - 1) == 'Z' ? milliseconds(time) : -1;
        if (fraction >= 0 && lastSecond != null && time.startsWith(lastSecond)) {
            return lastSecondMillis + fraction;
        }
        long millis = Instant.parse(time).toEpochMilli();
        if (fraction >= 0 && time.charAt(SECONDS - 1) == '.') {
            lastSecond = time.substring(0, SECONDS);
            lastSecondMillis = millis - fraction;
        }
        return millis;
    }

    /** The three digits before the final {@code Z}, or -1 when they are not three digits. */
    private static int milliseconds(String time) {
        int value = 0;
        for (int i = SECONDS; i < SECONDS + 3; i++) {
            char c = time.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
