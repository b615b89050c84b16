package parley.accounts;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/** The accounts plugin's settings and their defaults: the one place they are defined. Immutable. */
public final class AccountsSettings {

    /** Where plugins keep their data; the same setting, with the same default, as the history's and the files'. */
    public static final Setting<Path> DATA_DIR = Setting.path("data-dir", defaultDataDir(),
            "directory where plugins keep their data; default data/ under parley.home or the working directory");

    public static final Setting<Boolean> REQUIRED = Setting.flag("accounts.required", false,
            "true: every pseudo needs an account; LOGIN with a password for a pseudo nobody registered creates it");

    /** OWASP's Password Storage Cheat Sheet (2023 onwards): 600,000 iterations for PBKDF2-HMAC-SHA256. */
    public static final Setting<Integer> HASH_ITERATIONS = Setting.integer("accounts.hash-iterations", 600_000, 1_000,
            100_000_000, "PBKDF2-HMAC-SHA256 iterations for new hashes (OWASP: 600000); older hashes are redone at their next login");

    public static final Setting<Integer> HASH_THREADS = Setting.integer("accounts.hash-threads",
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2), 1, 64,
            "platform threads that compute password hashes (default: half the cores), so hashing never holds the virtual threads' carriers");

    public static final Setting<Integer> HASH_QUEUE = Setting.integer("accounts.hash-queue", 32, 1, 10_000,
            "password hashes waiting for a thread at most; past it LOGIN, REGISTER and PASSWORD get KO \"server busy\"");

    public static final Setting<Integer> MIN_PASSWORD = Setting.integer("accounts.min-password", 8, 1, 1024,
            "fewest characters a password may have");

    public static final Setting<Long> MAX_PASSWORD = Setting.bytes("accounts.max-password", 1024,
            "longest password, in UTF-8 bytes");

    public static final Setting<Integer> FREE_FAILURES = Setting.integer("accounts.free-failures", 3, 1, 1000,
            "wrong passwords for one account before each further try must wait");

    public static final Setting<Integer> FREE_FAILURES_PER_IP = Setting.integer("accounts.free-failures-per-ip", 20, 1,
            100_000, "wrong passwords from one IP address (any accounts) before each further try must wait");

    public static final Setting<Duration> FIRST_DELAY = Setting.duration("accounts.first-delay", Duration.ofSeconds(2),
            "the wait after the last free failure; it doubles with each further failure");

    public static final Setting<Duration> MAX_DELAY = Setting.duration("accounts.max-delay", Duration.ofMinutes(15),
            "the longest wait between tries");

    public static final Setting<Duration> TEMPORARY_FOR = Setting.duration("accounts.temporary-for", Duration.ofHours(24),
            "how long a temporary password from RESET_PASSWORD may be used");

    public static final List<Setting<?>> ALL = List.of(DATA_DIR, REQUIRED, HASH_ITERATIONS, HASH_THREADS, HASH_QUEUE,
            MIN_PASSWORD, MAX_PASSWORD, FREE_FAILURES, FREE_FAILURES_PER_IP, FIRST_DELAY, MAX_DELAY, TEMPORARY_FOR);

    /** How long a reader thread waits for a hash at most before answering "server busy". */
    static final Duration HASH_WAIT = Duration.ofSeconds(60);

    /** How long failures are remembered after the last one. */
    static final Duration FORGET_AFTER = Duration.ofHours(24);

    /** The most IP addresses whose failures are remembered at once. */
    static final int MAX_TRACKED = 100_000;

    private AccountsSettings() {
    }

    private static Path defaultDataDir() {
        String home = System.getProperty("parley.home");
        return home == null ? Path.of("data") : Path.of(home, "data");
    }
}
