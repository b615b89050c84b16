package parley.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.spi.Benchmark;
import parley.api.spi.BenchmarkContext;
import parley.api.transport.ClientConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley bench}: runs the benchmarks that plugins offer, against a server started for them. */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs the plugins' benchmarks against a server process started for the purpose"
                + " (or an existing one with --port), and prints the figures.")
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "benchmarks to run (default: all)")
    List<String> names;

    @Option(names = "--list", description = "list the benchmarks and exit")
    boolean list;

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: plugins/ in the Parley folder)")
    Path plugins;

    @Option(names = "--server-heap", paramLabel = "SIZE", description = "-Xmx of the server process, e.g. 64m (default: the JVM's)")
    String serverHeap;

    @Option(names = "--server-set", paramLabel = "KEY=VALUE", description = "a setting for the server process")
    List<String> serverSettings;

    @Option(names = "--port", paramLabel = "PORT", description = "benchmark the server already running on this loopback port")
    Integer port;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "benchmark options, e.g. --set size=1GiB")
    Map<String, String> options;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = plugins != null ? plugins : Home.plugins();
        PluginScanner.Result found = PluginLoader.load(dir);
        List<Benchmark> benchmarks = new ArrayList<>();
        ClientConnector connector = null;
        for (Plugin plugin : found.plugins()) {
            plugin.benchmarks().forEach(p -> benchmarks.add(p.get()));
            for (java.util.ServiceLoader.Provider<ClientConnector> provider : plugin.connectors()) {
                ClientConnector candidate = provider.get();
                if (connector == null && candidate.name().equals("tcp")) {
                    connector = candidate; // plain TCP: the benchmarks measure the server, not TLS
                }
            }
        }
        benchmarks.sort(Comparator.comparing(Benchmark::name));
        if (list) {
            benchmarks.forEach(b -> out.printf("%-10s %s%n", b.name(), b.description()));
            return 0;
        }
        List<Benchmark> chosen = names == null ? benchmarks
                : benchmarks.stream().filter(b -> names.contains(b.name())).toList();
        if (chosen.isEmpty()) {
            spec.commandLine().getErr().println("parley: no such benchmark; --list shows them");
            return 1;
        }
        if (connector == null) {
            spec.commandLine().getErr().println("parley: no client transport among the plugins");
            return 1;
        }
        Config benchOptions = Config.of(options == null ? Map.of() : options);
        Path serverDir = port == null ? Files.createTempDirectory("parley-bench-server") : null;
        ServerProcess server = null;
        int failed = 0;
        try {
            if (port == null) {
                server = ServerProcess.start(dir, serverHeap, serverSettings(chosen, benchOptions, serverDir,
                        serverSettings == null ? List.of() : serverSettings));
            }
            InetSocketAddress address = server != null ? server.address() : new InetSocketAddress("127.0.0.1", port);
            out.println("benchmarking the server at " + address
                    + (serverHeap == null ? "" : " (server heap -Xmx" + serverHeap + ")"));
            for (Benchmark benchmark : chosen) {
                if (!runOne(benchmark, address, connector, out)) {
                    failed++;
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
            if (serverDir != null) {
                delete(serverDir);
            }
        }
        return failed == 0 ? 0 : 1;
    }

    /**
     * The server process's settings: what the chosen benchmarks ask for, then the user's
     * {@code --server-set} values, which win. Each is {@code key=value}.
     */
    static List<String> serverSettings(List<Benchmark> chosen, Config options, Path serverDir, List<String> user) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Benchmark benchmark : chosen) {
            merged.putAll(benchmark.serverSettings(options, serverDir));
        }
        for (String setting : user) {
            int eq = setting.indexOf('=');
            if (eq > 0) {
                merged.put(setting.substring(0, eq), setting.substring(eq + 1));
            } else {
                merged.put(setting, "");
            }
        }
        List<String> out = new ArrayList<>();
        merged.forEach((key, value) -> out.add(key + "=" + value));
        return out;
    }

    private boolean runOne(Benchmark benchmark, InetSocketAddress address, ClientConnector connector, PrintWriter out)
            throws IOException {
        Path work = Files.createTempDirectory("parley-bench-" + benchmark.name());
        Context context = new Context(address, connector, Config.of(options == null ? Map.of() : options), work, out);
        out.println("== " + benchmark.name() + ": " + benchmark.description());
        out.flush();
        try {
            benchmark.run(context);
            return true;
        } catch (Exception e) {
            out.println("   FAILED: " + PluginScanner.describe(e));
            return false;
        } finally {
            context.reports.forEach(r -> out.printf(Locale.ROOT, "   %-36s %12.1f %s%n", r.metric(), r.value(), r.unit()));
            out.flush();
            delete(work);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private record Report(String metric, double value, String unit) {
    }

    private record Context(InetSocketAddress server, ClientConnector connector, Config options, Path workDir,
                           PrintWriter out, List<Report> reports) implements BenchmarkContext {

        Context(InetSocketAddress server, ClientConnector connector, Config options, Path workDir, PrintWriter out) {
            this(server, connector, options, workDir, out, new ArrayList<>());
        }

        @Override
        public ParleyClient connect() throws IOException {
            return connect(ParleyClient.Options.defaults());
        }

        @Override
        public ParleyClient connect(ParleyClient.Options options) throws IOException {
            return ParleyClient.connect(connector, server.getHostString(), server.getPort(), options);
        }

        @Override
        public synchronized void report(String metric, double value, String unit) {
            reports.add(new Report(metric, value, unit));
        }
    }
}
