package parley.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.Config;
import parley.api.Setting;

/**
 * The files plugin's settings and their defaults: the one place they are defined. Server settings are
 * given to {@code parley server} ({@code --set key=value} or a {@code --config} file); client settings
 * to {@code parley client --set key=value}. Immutable and thread-safe.
 */
public final class FilesSettings {

    // --- server

    /**
     * Where plugins keep their data. The default is {@code data} under {@code parley.home} (the project
     * folder, which {@code ./parley} sets), or under the working directory when that property is unset.
     */
    public static final Setting<Path> DATA_DIR = Setting.path("data-dir", defaultDataDir(),
            "directory where plugins keep their data; default data/ under parley.home or the working directory");

    /** Empty means {@code <data-dir>/files}. */
    public static final Setting<String> SPOOL_DIR = Setting.text("files.spool-dir", "",
            "directory where uploaded files are stored (default <data-dir>/files)");

    public static final Setting<Long> MAX_SIZE = Setting.bytes("files.max-size", 100L << 20,
            "largest file a user may send; a bigger one is refused before any byte is stored");

    public static final Setting<Long> QUOTA = Setting.bytes("files.quota", 1L << 30,
            "total size of the stored files; the oldest go first to make room, an upload that cannot fit is refused");

    public static final Setting<Duration> KEEP_FOR = Setting.duration("files.keep-for", Duration.ofHours(24),
            "how long a file stays available after it was sent; 0 keeps it until the quota needs the room");

    public static final Setting<Long> INLINE_MAX = Setting.bytes("files.inline-max", 256L << 10,
            "largest file sent inline as base64 (SEND_FILE with data, or FILE from a text client), and pushed inline"
                    + " to text clients");

    public static final Setting<Long> MIN_FREE_DISK = Setting.bytes("files.min-free-disk", 64L << 20,
            "disk space an upload must leave free; an upload that would leave less is refused");

    public static final Setting<Duration> STALL_TIMEOUT = Setting.duration("files.stall-timeout", Duration.ofSeconds(30),
            "an upload or download that moves no data for this long ends with ERROR");

    public static final Setting<Integer> MAX_DOWNLOADS = Setting.integer("files.max-downloads", 32, 1, 100_000,
            "downloads streamed at once, server-wide; more get ERROR until one ends");

    /** Every server setting of the plugin, for help texts and to check them all at start. */
    public static final Setting<Long> USER_QUOTA = Setting.bytes("files.user-quota", 256L << 20,
            "total size of one user's stored files; their own oldest go first to make room, never anyone else's");

    public static final List<Setting<?>> SERVER = List.of(DATA_DIR, SPOOL_DIR, MAX_SIZE, QUOTA, USER_QUOTA, KEEP_FOR, INLINE_MAX,
            MIN_FREE_DISK, STALL_TIMEOUT, MAX_DOWNLOADS);

    // --- client

    /** The one download folder of the client: /get saves here, and files over a link (p2p.downloads) too. */
    public static final Setting<Path> DOWNLOAD_DIR = Setting.path("files.download-dir",
            Path.of(System.getProperty("user.home"), "parley-downloads"),
            "where /get saves files when no directory is given (~/parley-downloads, like p2p.downloads; ~ is your home)");

    public static final Setting<Long> CHUNK_SIZE = Setting.bytes("files.chunk-size", 256L << 10,
            "bytes per binary frame when sending a file; keep it under the server's max-frame-bytes");

    /** Every client setting of the plugin. */
    public static final List<Setting<?>> CLIENT = List.of(DOWNLOAD_DIR, CHUNK_SIZE);

    private FilesSettings() {
    }

    /** The spool directory these settings name. */
    public static Path spoolDir(Config config) {
        String spool = config.get(SPOOL_DIR).trim();
        return spool.isEmpty() ? config.get(DATA_DIR).resolve("files") : Path.of(spool);
    }

    private static Path defaultDataDir() {
        String home = System.getProperty("parley.home");
        return home == null ? Path.of("data") : Path.of(home, "data");
    }
}
