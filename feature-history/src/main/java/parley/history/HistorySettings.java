package parley.history;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/** The history plugin's settings and their defaults: the one place they are defined. Immutable. */
public final class HistorySettings {

    /**
     * Where plugins keep their data; the same setting, with the same default, as the files plugin's:
     * {@code data} under {@code parley.home}, or under the working directory when that property is unset.
     */
    public static final Setting<Path> DATA_DIR = Setting.path("data-dir", defaultDataDir(),
            "directory where plugins keep their data; default data/ under parley.home or the working directory");

    public static final Setting<Integer> MAX_MESSAGES = Setting.integer("history.max-messages", 10_000, 1, 100_000_000,
            "events kept per room in the history; older ones are deleted");

    public static final Setting<Duration> KEEP_FOR = Setting.duration("history.keep-for", Duration.ofDays(30),
            "how long the history keeps an event");

    public static final List<Setting<?>> ALL = List.of(DATA_DIR, MAX_MESSAGES, KEEP_FOR);

    /** HISTORY's page size when the request gives none, and the largest it may ask for. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    private HistorySettings() {
    }

    private static Path defaultDataDir() {
        String home = System.getProperty("parley.home");
        return home == null ? Path.of("data") : Path.of(home, "data");
    }
}
