package parley.api.spi;

import java.nio.file.Path;
import java.util.Map;

import parley.api.Config;

/**
 * SPI: a benchmark a plugin offers to {@code ./parley bench}, found with {@link java.util.ServiceLoader}.
 *
 * <p>The launcher starts a server (a separate process, with the heap the user chose) from the same
 * plugins directory, then calls {@link #run} on its own thread. Figures go through
 * {@link BenchmarkContext#report}, which prints them as a table; timing belongs here, not in tests.
 * An exception ends this benchmark with its message; the others still run.
 */
public interface Benchmark {

    /** A short name to pick it with, e.g. {@code files}. */
    String name();

    /** One line on what it measures. */
    String description();

    /**
     * Settings the server under test needs for this benchmark with these options, such as a file size
     * limit big enough for the file it sends. The launcher applies them to the server process it starts
     * for the run; settings the user gives with {@code --server-set} win over them. They are not applied
     * to a server given with {@code --port}, which the user configures.
     *
     * <p>Called once, before the server starts, on the launcher's thread. Must not throw.
     *
     * @param options   the options given with {@code --set}
     * @param serverDir an empty directory for the server's data (a spool, say), deleted after the
     *                  server process stopped
     */
    default Map<String, String> serverSettings(Config options, Path serverDir) {
        return Map.of();
    }

    void run(BenchmarkContext context) throws Exception;
}
