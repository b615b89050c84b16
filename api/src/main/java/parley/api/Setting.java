package parley.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One configuration key: its name, default, help text and parser.
 *
 * <p>Each module declares its settings as constants in one class (the kernel's are in
 * {@code parley.api.server.ServerSettings}), so the keys and their defaults live in one place and
 * {@code --help} can list them. Immutable and thread-safe.
 *
 * @param key          the name used in config files and in {@code --set key=value}
 * @param defaultValue used when the key is not set
 * @param description  one line for the help text
 * @param parser       turns the text into a value; throws {@link IllegalArgumentException} with the
 *                     expected form
 */
public record Setting<T>(String key, T defaultValue, String description, Function<String, T> parser) {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KIB|KB|K|MIB|MB|M|GIB|GB|G)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(MS|S|M|H)?");

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parser, "parser");
    }

    /** Parses the text; the exception names the key, the text and the expected form. */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("setting '" + key + "': " + e.getMessage() + ", got '" + text + "'", e);
        }
    }

    public static Setting<String> text(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, s -> s);
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, defaultValue, description, s -> {
            int value;
            try {
                value = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number");
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException("expected a number from " + min + " to " + max);
            }
            return value;
        });
    }

    /** A size in bytes: {@code 1048576}, {@code 64KiB}, {@code 1MiB}, {@code 2GiB} (powers of 1024). */
    public static Setting<Long> bytes(String key, long defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, Setting::parseBytes);
    }

    /** A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}; a bare number is seconds. */
    public static Setting<Duration> duration(String key, Duration defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, Setting::parseDuration);
    }

    /** A comma-separated list; blanks are dropped. */
    public static Setting<List<String>> list(String key, List<String> defaultValue, String description) {
        return new Setting<>(key, List.copyOf(defaultValue), description,
                s -> Arrays.stream(s.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList());
    }

    public static Setting<Path> path(String key, Path defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, Path::of);
    }

    public static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        });
    }

    static long parseBytes(String text) {
        Matcher m = SIZE.matcher(text.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size like 1048576, 64KiB or 1MiB");
        }
        long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KIB", "KB", "K" -> 1L << 10;
            case "MIB", "MB", "M" -> 1L << 20;
            case "GIB", "GB", "G" -> 1L << 30;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size too large");
        }
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like 500ms, 30s, 5m or 1h");
        }
        long n;
        try {
            n = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("duration too large");
        }
        return switch (m.group(2) == null ? "S" : m.group(2)) {
            case "MS" -> Duration.ofMillis(n);
            case "M" -> Duration.ofMinutes(n);
            case "H" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
