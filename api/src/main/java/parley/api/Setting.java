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
 * @param formatter    turns a value back into text that {@code parser} reads, in the form a person
 *                     writes it ({@code 90s}, {@code 1MiB}, {@code ask}): for help texts and config files
 */
public record Setting<T>(String key, T defaultValue, String description, Function<String, T> parser,
                         Function<? super T, String> formatter) {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KIB|KB|K|MIB|MB|M|GIB|GB|G)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(MS|S|M|H)?");

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(formatter, "formatter");
    }

    /**
     * A setting whose values are written back by their type: a duration as {@code 500ms}, {@code 90s},
     * {@code 10m} or {@code 1h}, an enum constant in lower case, a list joined with commas, anything
     * else with {@code toString}.
     */
    public Setting(String key, T defaultValue, String description, Function<String, T> parser) {
        this(key, defaultValue, description, parser, Setting::formatAny);
    }

    /** The value as text that {@link #parse} reads back; an empty string for {@code null}. */
    public String format(T value) {
        return value == null ? "" : formatter.apply(value);
    }

    /** The default value as text, e.g. {@code 90s} for a duration of 90 seconds. */
    public String defaultText() {
        return format(defaultValue);
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
        return new Setting<>(key, defaultValue, description, Setting::parseBytes, Setting::formatBytes);
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

    /**
     * A path; a leading {@code ~} (alone or before {@code /}) is the user's home folder, as in a shell, so
     * {@code files.download-dir=~/Downloads} is the home's Downloads, not a folder named {@code ~}.
     */
    public static Setting<Path> path(String key, Path defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, Setting::homePath);
    }

    /** The path, with a leading {@code ~} or {@code ~/} taken as the user's home folder. */
    public static Path homePath(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(System.getProperty("user.home") + text.substring(1));
        }
        return Path.of(text);
    }

    public static Setting<Boolean> flag(String key, boolean defaultValue, String description) {
        return new Setting<>(key, defaultValue, description, s -> switch (s.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        });
    }

    /** A size in the largest unit that holds it exactly: {@code 1MiB}, {@code 256KiB}, {@code 1000}. */
    public static String formatBytes(long bytes) {
        if (bytes != 0) {
            if (bytes % (1L << 30) == 0) {
                return bytes / (1L << 30) + "GiB";
            }
            if (bytes % (1L << 20) == 0) {
                return bytes / (1L << 20) + "MiB";
            }
            if (bytes % (1L << 10) == 0) {
                return bytes / (1L << 10) + "KiB";
            }
        }
        return Long.toString(bytes);
    }

    /** A duration in the largest unit that holds it exactly: {@code 1h}, {@code 10m}, {@code 90s}, {@code 500ms}. */
    static String formatDuration(Duration duration) {
        long ms = duration.toMillis();
        if (ms == 0) {
            return "0";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    private static String formatAny(Object value) {
        if (value instanceof Duration duration) {
            return formatDuration(duration);
        }
        if (value instanceof Enum<?> constant) {
            return constant.name().toLowerCase(Locale.ROOT);
        }
        if (value instanceof List<?> list) {
            return String.join(",", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
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
