package parley.moderation;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a ban or a mute lasts: until an instant, or for ever ({@code until} null).
 *
 * @param until when it ends, to the second; {@code null} when permanent
 */
record Term(Instant until) {

    private static final Pattern LENGTH = Pattern.compile("(\\d{1,9})\\s*(s|m|h|d|w)?");
    /** Longer than this is refused: ten years is permanent for every practical purpose. */
    private static final Duration LONGEST = Duration.ofDays(3650);

    static final Term PERMANENT = new Term(null);

    /**
     * Reads a request's {@code for}: {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}, {@code 1w} (a bare
     * number is seconds), or {@code permanent}; absent or empty is permanent.
     *
     * @throws IllegalArgumentException naming the text and the accepted forms
     */
    static Term parse(String text, Instant now) {
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("permanent")) {
            return PERMANENT;
        }
        Matcher m = LENGTH.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad duration '" + brief(text)
                    + "': write 30s, 10m, 1h, 2d, 1w or permanent");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration length = switch (unit) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (length.isZero()) {
            throw new IllegalArgumentException("a duration of 0 ends at once: give at least 1s, or permanent");
        }
        if (length.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException("'" + brief(text) + "' is longer than ten years: write permanent");
        }
        return new Term(now.plus(length).truncatedTo(ChronoUnit.SECONDS));
    }

    /** The term stored as milliseconds, or {@code null} for permanent. */
    static Term ofMillis(Long millis) {
        return millis == null ? PERMANENT : new Term(Instant.ofEpochMilli(millis));
    }

    boolean permanent() {
        return until == null;
    }

    /** True once it has ended. */
    boolean over(Instant now) {
        return until != null && !now.isBefore(until);
    }

    /** On the wire: the end as an ISO-8601 instant ({@code 2026-11-27T08:00:00Z}), or {@code permanent}. */
    String wire() {
        return until == null ? "permanent" : until.toString();
    }

    /** For people: {@code until 2026-11-27T08:00:00Z (in 59m)}, or {@code permanently}. */
    String describe(Instant now) {
        if (until == null) {
            return "permanently";
        }
        long s = Math.max(1, Duration.between(now, until).toSeconds());
        String left = s < 60 ? s + "s" : s < 3600 ? s / 60 + "m" : s < 86_400 ? s / 3600 + "h" + (s % 3600 / 60 > 0 ? s % 3600 / 60 + "m" : "")
                : s / 86_400 + "d";
        return "until " + until + " (in " + left + ")";
    }

    static String brief(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
