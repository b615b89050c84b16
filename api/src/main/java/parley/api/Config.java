package parley.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The server's or client's settings: text values by key, read through typed {@link Setting}s.
 *
 * <p>Built once at start-up (from a properties file, then command-line options) and immutable
 * afterwards, so it is safe to read from any thread.
 */
public final class Config {

    private static final Config EMPTY = new Config(Map.of());

    private final Map<String, String> values;

    private Config(Map<String, String> values) {
        this.values = values;
    }

    public static Config empty() {
        return EMPTY;
    }

    public static Config of(Map<String, String> values) {
        return new Config(Map.copyOf(values));
    }

    /** The value of the setting, or its default when the key is not set. */
    public <T> T get(Setting<T> setting) {
        String raw = values.get(setting.key());
        return raw == null ? setting.defaultValue() : setting.parse(raw);
    }

    /** The raw text of a key, or {@code null}. */
    public String raw(String key) {
        return values.get(key);
    }

    /** A copy with one more key set. */
    public Config with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new Config(Map.copyOf(copy));
    }

    /** A copy with every key of {@code overrides} set. */
    public Config withAll(Map<String, String> overrides) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(overrides);
        return new Config(Map.copyOf(copy));
    }

    public Map<String, String> asMap() {
        return values;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
