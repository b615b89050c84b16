package parley.launcher;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader.Provider;
import java.util.concurrent.Callable;

import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginOrder;
import parley.api.plugin.PluginScanner;
import parley.api.spi.ClientExtension;
import parley.api.transport.ClientConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley client}: the interactive chat client. */
@Command(name = "client", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Connects to a Parley server and chats. Type /help once connected.")
final class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", description = "the server: host, host:port,"
            + " parley://host:port, or parleys://host:port for TLS (instead of --host and --port)")
    String address;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = "localhost", description = "server address (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "7777", description = "server port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--pseudo", paramLabel = "NAME", description = "your pseudo; asked for when left out")
    String pseudo;

    @Option(names = "--password-file", paramLabel = "FILE", description = "log in with the password on this file's"
            + " first line (for a registered pseudo, without a terminal); otherwise it is asked for, without echo, when needed")
    Path passwordFile;

    @Option(names = "--room", paramLabel = "ROOM", description = "a room to join right away")
    String room;

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: plugins/ in the Parley folder)")
    Path plugins;

    @Option(names = "--tls", description = "connect inside TLS (the tls plugin); without --pin, trust the server's"
            + " certificate on first use and refuse a changed one (~/.parley/known_servers)")
    boolean tls;

    @Option(names = "--pin", paramLabel = "SHA256:..", description = "with TLS, trust only the server certificate with"
            + " this fingerprint (the server prints it at start); implies --tls")
    String pin;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "a client setting of a plugin, e.g. --set p2p.accept=ask")
    java.util.Map<String, String> settings;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "warn",
            description = "the least important log lines written to stderr: error, warn, info, debug or trace"
                    + " (default ${DEFAULT-VALUE}, so that logs do not clobber the chat)")
    String logLevel;

    /** How long the client tries to reconnect after a drop; parsed and shown as a setting is. */
    static final parley.api.Setting<java.time.Duration> RECONNECT_FOR = parley.api.Setting.duration("reconnect-for",
            java.time.Duration.ofMinutes(10), "how long the client tries to reconnect after a drop; 0: exit at once");

    @Option(names = "--reconnect-for", paramLabel = "DURATION", defaultValue = "10m",
            description = "after a drop or a server restart, how long to try to reconnect (with backoff) before giving up;"
                    + " 0 exits at once (default ${DEFAULT-VALUE})")
    String reconnectFor;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "colours for pseudos: auto (unless NO_COLOR is set, on a terminal with colours), always or never"
                    + " (default ${DEFAULT-VALUE})")
    String color;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Logging.level(logLevel);
        } catch (IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        java.time.Duration reconnect;
        try {
            reconnect = RECONNECT_FOR.parse(reconnectFor);
            ChatRenderer.colours(color, null, false);
        } catch (IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        if (address != null) {
            var parsed = spec.commandLine().getParseResult();
            if (parsed.hasMatchedOption("--host") || parsed.hasMatchedOption("--port")) {
                err.println("parley: give the server as an address or with --host and --port, not both");
                return 2;
            }
            try {
                ServerAddress server = ServerAddress.parse(address);
                host = server.host();
                port = server.port();
                tls |= server.tls();
            } catch (IllegalArgumentException e) {
                err.println("parley: " + e.getMessage());
                return 2;
            }
        }
        PluginScanner.Result found = PluginLoader.load(plugins != null ? plugins : Home.plugins());
        PluginOrder.Result order = PluginOrder.sort(found.plugins());
        found.failures().forEach(f -> err.println("parley: plugin not loaded: " + f));
        order.failures().forEach(f -> err.println("parley: plugin not loaded: " + f));
        String wanted = tls || pin != null ? "tls" : "tcp";
        java.util.Map<String, String> clientSettings = new java.util.HashMap<>(settings == null ? java.util.Map.of() : settings);
        if (pin != null) {
            clientSettings.put("tls.pin", pin);
        }
        ClientConnector connector = null;
        List<ClientExtension> extensions = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Plugin plugin : order.ordered()) {
            try {
                for (Provider<ClientConnector> provider : plugin.connectors()) {
                    ClientConnector candidate = provider.get();
                    if (connector == null && candidate.name().equals(wanted)) {
                        connector = candidate;
                    }
                }
                for (Provider<ClientExtension> provider : plugin.clientExtensions()) {
                    extensions.add(provider.get());
                }
                names.add(plugin.name() + " " + plugin.version());
            } catch (RuntimeException | java.util.ServiceConfigurationError e) {
                err.println("parley: plugin " + plugin.name() + " not loaded: " + PluginScanner.describe(e));
            }
        }
        if (connector == null) {
            err.println(wanted.equals("tls")
                    ? "parley: no TLS client among the plugins: put the tls plugin (parley-transport-tls.jar) in the plugins directory"
                    : "parley: no client transport among the plugins: put the transport-tcp plugin"
                    + " (parley-transport-tcp.jar) in the plugins directory");
            return 1;
        }
        try {
            connector = connector.with(parley.api.Config.of(clientSettings));
        } catch (IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            return 2;
        }
        String password = null;
        if (passwordFile != null) {
            try {
                password = java.nio.file.Files.readAllLines(passwordFile).stream().findFirst().orElse("");
            } catch (IOException | java.io.UncheckedIOException e) {
                err.println("parley: cannot read the password file " + passwordFile + ": " + e.getMessage());
                return 2;
            }
        }
        ClientConnector dial = connector;
        try (Console console = Console.open(parley.api.Config.of(clientSettings), color)) {
            String name = pseudo != null ? pseudo : console.ask("pseudo: ");
            if (name == null) {
                return 0;
            }
            ParleyClient client;
            try {
                InetAddress.getByName(host);
            } catch (UnknownHostException e) {
                err.println("parley: cannot connect to " + host + ":" + port + ": unknown host '" + host
                        + "' (no such name or address: check --host)");
                return 1;
            }
            try {
                client = ParleyClient.connect(connector, host, port, ParleyClient.Options.defaults());
            } catch (IOException e) {
                err.println("parley: " + e.getMessage());
                return 1;
            }
            try (client) {
                return console.run(client, () -> ParleyClient.connect(dial, host, port, ParleyClient.Options.defaults()),
                        reconnect, name, password, room, extensions, names);
            }
        } catch (IOException e) {
            err.println("parley: cannot open the terminal: " + e.getMessage());
            return 1;
        }
    }
}
