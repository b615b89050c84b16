package parley.rooms;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import parley.api.Message;

/**
 * A room event's place in the room's one order: its {@code id} (increasing by one, no gaps) and its
 * server time, which never goes back within a room.
 *
 * @param id     the event's id in its room
 * @param millis the server time, in milliseconds since the epoch
 */
record Stamp(long id, long millis) {

    /** ISO 8601, UTC, always with milliseconds: {@code 2026-11-27T04:51:07.120Z}. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The last time formatted: a busy room stamps many messages within one millisecond. */
    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private record Formatted(long millis, String text) {
    }

    /** The time as the protocol gives it. */
    String time() {
        Formatted cached = last;
        if (cached.millis() == millis) {
            return cached.text();
        }
        String text = TIME.format(Instant.ofEpochMilli(millis));
        last = new Formatted(millis, text);
        return text;
    }

    /** Puts {@code id} and {@code time} on {@code message}; returns it. */
    Message on(Message message) {
        return message.put("id", id).put("time", time());
    }
}
