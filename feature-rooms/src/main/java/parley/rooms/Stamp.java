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
        String text = iso(millis);
        last = new Formatted(millis, text);
        return text;
    }

    /**
     * {@code millis} as {@link #TIME} formats it, computed by hand for the years 0 to 9999 (days to a
     * civil date as in Howard Hinnant's {@code civil_from_days}): a busy room formats a time every
     * millisecond, and the formatter is the larger part of a MSG's handling until the JIT has compiled it.
     */
    static String iso(long millis) {
        long days = Math.floorDiv(millis, 86_400_000L);
        int ofDay = (int) Math.floorMod(millis, 86_400_000L);
        long z = days + 719_468; // days since 0000-03-01
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100); // from March 1st
        long shifted = (5 * dayOfYear + 2) / 153; // March is 0
        int day = (int) (dayOfYear - (153 * shifted + 2) / 5 + 1);
        int month = (int) (shifted < 10 ? shifted + 3 : shifted - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999) {
            return TIME.format(Instant.ofEpochMilli(millis));
        }
        byte[] out = new byte[24];
        digits(out, 0, (int) year, 4);
        out[4] = '-';
        digits(out, 5, month, 2);
        out[7] = '-';
        digits(out, 8, day, 2);
        out[10] = 'T';
        digits(out, 11, ofDay / 3_600_000, 2);
        out[13] = ':';
        digits(out, 14, ofDay / 60_000 % 60, 2);
        out[16] = ':';
        digits(out, 17, ofDay / 1000 % 60, 2);
        out[19] = '.';
        digits(out, 20, ofDay % 1000, 3);
        out[23] = 'Z';
        return new String(out, java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /**
     * The JSON object {@code json} (as the codec encodes it: compact, ending with its {@code }}) with
     * {@code id} and {@code time} added at its end: the bytes the codec makes of {@link #on(Message)}'s
     * result for a message that had neither field. A copy of the array and a few digits: cheap enough
     * for under a room's lock, where encoding is not.
     */
    byte[] on(byte[] json) {
        int end = json.length - 1;
        if (end < 1 || json[0] != '{' || json[end] != '}') {
            throw new IllegalArgumentException("not a JSON object's bytes: cannot stamp them");
        }
        byte[] fields = ((end > 1 ? "," : "") + "\"id\":" + id + ",\"time\":\"" + time() + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] out = java.util.Arrays.copyOf(json, end + fields.length);
        System.arraycopy(fields, 0, out, end, fields.length);
        return out;
    }

    /** Puts {@code id} and {@code time} on {@code message}; returns it. */
    Message on(Message message) {
        return message.put("id", id).put("time", time());
    }
}
