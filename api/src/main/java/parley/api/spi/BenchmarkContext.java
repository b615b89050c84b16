package parley.api.spi;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import parley.api.Config;
import parley.api.client.ParleyClient;

/** What a {@link Benchmark} gets from {@code ./parley bench}. */
public interface BenchmarkContext {

    /** The server under test. */
    InetSocketAddress server();

    /** A new framed client connected to the server under test; the benchmark closes it. */
    ParleyClient connect() throws IOException;

    /**
     * The same with these client options: say {@code ParleyClient.Options.defaults().withPushQueueCapacity(0)}
     * for a client whose pushes go to a listener only, so that the benchmark's own heap does not keep
     * every message it received (API 5).
     */
    ParleyClient connect(ParleyClient.Options options) throws IOException;

    /** Options given as {@code --set key=value} (e.g. {@code size=1GiB}); each benchmark documents its own. */
    Config options();

    /** A scratch directory, deleted afterwards. */
    Path workDir();

    /** Records one figure, e.g. {@code report("upload", 812.4, "MiB/s")}. */
    void report(String metric, double value, String unit);

    /** For progress and notes. */
    PrintWriter out();
}
