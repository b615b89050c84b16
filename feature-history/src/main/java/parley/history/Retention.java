package parley.history;

import java.time.Duration;

/**
 * What the log keeps: per room, the last {@code maxPerRoom} events, none older than {@code keepFor}.
 * Storage is freed by whole blocks ({@link Block}); what is past retention is never served, even while
 * its block is still on disk.
 *
 * @param maxPerRoom events kept per room
 * @param keepFor    how long an event is kept
 */
record Retention(int maxPerRoom, Duration keepFor) {

    /** The highest id of a room that is past retention by count, given the room's last id (0: none). */
    long floorByCount(long lastId) {
        return Math.max(0, lastId - maxPerRoom);
    }

    /** Events stamped before this time are past retention by age. */
    long cutoff(long nowMillis) {
        long keep = keepFor.toMillis();
        return keep >= nowMillis ? Long.MIN_VALUE : nowMillis - keep;
    }
}
