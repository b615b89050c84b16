package parley.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import parley.api.ApiVersion;
import parley.api.Config;
import parley.api.Setting;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginOrder;
import parley.api.plugin.PluginScanner;
import parley.api.server.LoadedPlugin;
import parley.api.server.ParleyServer;
import parley.api.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley server}: loads the plugins, starts the server, prints what it loaded and where it listens. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Runs a Parley server with the plugins of a plugins directory.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:stopped (SIGTERM or Ctrl-C: the JVM itself then exits with 143)",
            "1:failure: the server could not start (port taken, no transport, --plugins-strict)",
            "2:usage error: an unknown option, a bad setting, a config file that cannot be read"},
        footerHeading = "%nSettings (give them with --set key=value or in a --config file):%n")
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", description = "TCP port; 0 picks a free one (default 7777)")
    Integer port;

    @Option(names = "--host", paramLabel = "HOST", description = "address to listen on (default 0.0.0.0, every interface)")
    String host;

    @Option(names = "--rooms", paramLabel = "ROOM,...", description = "the rooms (default room1,room2,room3)")
    String rooms;

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: plugins/ in the Parley folder)")
    Path plugins;

    @Option(names = "--config", paramLabel = "FILE",
            description = "a properties file of settings; by default the Parley folder's parley.properties,"
                    + " if there is one (parley config prints one with every setting)")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "sets any setting, e.g. --set max-frame-bytes=2MiB")
    Map<String, String> settings;

    @Option(names = "--plugins-strict", description = "refuse to start if any plugin fails to load or start")
    boolean strict;

    @Option(names = "--watch", description = "hot reload: load, unload or replace plugins as their jars come and go in the plugins directory")
    boolean watch;

    @Option(names = "--watch-interval", paramLabel = "DURATION", defaultValue = "2s",
            description = "how often --watch looks at the plugins directory (default ${DEFAULT-VALUE})")
    String watchInterval;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "info",
            description = "the least important log lines written to stderr: error, warn, info, debug or trace (default ${DEFAULT-VALUE})")
    String logLevel;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Logging.level(logLevel);
        } catch (IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        Logging.Held held = Logging.hold(); // the report first, then what the plugins logged while starting
        try {
            return run(held);
        } finally {
            held.release(event -> true);
        }
    }

    private Integer run(Logging.Held held) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        java.time.Duration every;
        try {
            every = parley.api.Setting.duration("--watch-interval", java.time.Duration.ofSeconds(2), "").parse(watchInterval);
        } catch (IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        Config cfg;
        try {
            Map<String, String> options = new LinkedHashMap<>();
            options.put("port", port == null ? null : port.toString()); // the TCP transport's settings
            options.put("host", host);
            options.put("rooms", rooms);
            cfg = ConfigSources.build(config != null ? config : ConfigSources.defaultFile(), settings, options);
        } catch (IOException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        Path dir = plugins != null ? plugins : Home.plugins();
        PluginScanner.Result found = PluginLoader.load(dir);
        List<Setting<?>> known = new ArrayList<>(ServerSettings.ALL);
        found.plugins().forEach(p -> known.addAll(p.settings()));
        for (Setting<?> setting : known) {
            try {
                cfg.get(setting);
            } catch (IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                return 2;
            }
        }
        cfg = withDataDir(cfg, known);
        if (strict && !found.failures().isEmpty()) {
            err.println("parley: not starting: plugins failed and --plugins-strict is set:");
            found.failures().forEach(f -> err.println("  " + f));
            return 1;
        }
        ParleyServer server;
        try {
            server = ParleyServer.start(cfg, found.plugins(), found.failures());
        } catch (IllegalArgumentException e) {
            err.println("parley: cannot start the server: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("parley: cannot start the server: " + e.getMessage());
            return 1;
        }
        if (strict && !server.failures().isEmpty()) {
            err.println("parley: not starting: plugins failed and --plugins-strict is set:");
            server.failures().forEach(f -> err.println("  " + f));
            server.close();
            return 1;
        }
        report(out, dir, server);
        for (InetSocketAddress address : server.addresses().values()) {
            out.println("listening on " + address.getHostString() + ":" + address.getPort());
        }
        out.flush();
        java.util.Set<String> reported = java.util.Set.copyOf(server.warnings());
        held.release(event -> !reported.contains(event.getFormattedMessage())); // the report showed them
        if (watch) {
            PluginWatcher watcher = new PluginWatcher(dir, server, line -> {
                out.println(line);
                out.flush();
            });
            watcher.start(every);
            out.println("watching " + dir + " for plugin changes");
            out.flush();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "parley-shutdown"));
        stopped.await();
        return 0;
    }

    private static void report(PrintWriter out, Path dir, ParleyServer server) {
        out.println("parley server, kernel API " + ApiVersion.CURRENT + ", plugins from " + dir);
        for (LoadedPlugin plugin : server.plugins()) {
            out.println("  plugin " + plugin.name() + " " + plugin.version()
                    + (plugin.description().isEmpty() ? "" : " - " + plugin.description()));
            line(out, "verbs", plugin.verbs());
            line(out, "sequence actions", plugin.actions());
            line(out, "transports", plugin.transports());
        }
        for (PluginFailure failure : server.failures()) {
            out.println("  FAILED " + failure);
        }
        for (String warning : server.warnings()) {
            out.println("  WARNING " + warning);
        }
        out.println("verbs: " + String.join(", ", server.verbs()));
    }

    private static void line(PrintWriter out, String label, List<String> items) {
        if (!items.isEmpty()) {
            out.println("      " + label + ": " + String.join(", ", items));
        }
    }

    /**
     * The config with {@code data-dir} set when the config leaves it out, a plugin reads it, and the
     * plugins' default (data/ in the Parley folder) cannot be written: see {@link DataDir}.
     */
    private static Config withDataDir(Config cfg, List<Setting<?>> known) {
        if (cfg.raw(DataDir.KEY) != null || known.stream().noneMatch(s -> s.key().equals(DataDir.KEY))) {
            return cfg;
        }
        Path fallback = DataDir.fallback(Home.dir(), System.getenv(), Path.of(System.getProperty("user.home")));
        return fallback == null ? cfg : cfg.with(DataDir.KEY, fallback.toString());
    }

    /**
     * The settings list for the help footer, wrapped to {@code width} columns: the server's own, then
     * those of each plugin found in {@code pluginsDir} (read from the jars; nothing is started).
     */
    static String settingsHelp(int width, Path pluginsDir) {
        List<String[]> rows = new ArrayList<>();
        ServerSettings.ALL.forEach(s -> rows.add(SettingsHelp.row(s)));
        StringBuilder text = new StringBuilder(SettingsHelp.table(rows, width));
        text.append(System.lineSeparator()).append("  The plugins' settings (plugins in ").append(pluginsDir).append("):")
                .append(System.lineSeparator());
        try {
            for (Plugin plugin : PluginOrder.sort(PluginLoader.load(pluginsDir).plugins()).ordered()) {
                List<String[]> own = new ArrayList<>();
                plugin.settings().forEach(s -> own.add(SettingsHelp.row(s)));
                if (!own.isEmpty()) {
                    text.append("  [").append(plugin.name()).append(']').append(System.lineSeparator())
                            .append(SettingsHelp.table(own, width));
                }
            }
        } catch (RuntimeException | java.util.ServiceConfigurationError e) {
            text.append("  (could not read them: ").append(PluginScanner.describe(e))
                    .append("; ./parley plugins shows what fails)").append(System.lineSeparator());
        }
        return text.append("  ./parley config prints every setting as a config file.").toString();
    }
}
