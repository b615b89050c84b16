package parley.api.spi;

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

    void run(BenchmarkContext context) throws Exception;
}
