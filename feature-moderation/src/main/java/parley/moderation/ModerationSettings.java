package parley.moderation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/** The moderation plugin's settings and their defaults: the one place they are defined. Immutable. */
public final class ModerationSettings {

    /**
     * Where plugins keep their data; the same setting, with the same default, as the history's and the
     * files': {@code data} under {@code parley.home}, or under the working directory when that property
     * is unset. Moderation keeps its database in {@code <data-dir>/moderation}.
     */
    public static final Setting<Path> DATA_DIR = Setting.path("data-dir", defaultDataDir(),
            "directory where plugins keep their data; default data/ under parley.home or the working directory");

    public static final Setting<Duration> CLEANUP_EVERY = Setting.duration("moderation.cleanup-every",
            Duration.ofMinutes(1), "how often expired bans and mutes are deleted from the moderation database");

    public static final Setting<Integer> MAX_TOPIC_LENGTH = Setting.integer("moderation.max-topic-length", 300, 1,
            10_000, "longest room topic, in characters");

    public static final List<Setting<?>> ALL = List.of(DATA_DIR, CLEANUP_EVERY, MAX_TOPIC_LENGTH);

    /** Longest reason for a kick, a ban or a mute, in characters. */
    static final int MAX_REASON_LENGTH = 300;
    /** Most pseudos a RESTRICT may list. */
    static final int MAX_MEMBERS = 1000;

    private ModerationSettings() {
    }

    private static Path defaultDataDir() {
        String home = System.getProperty("parley.home");
        return home == null ? Path.of("data") : Path.of(home, "data");
    }
}
