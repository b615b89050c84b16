package parley.api.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader.Provider;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.Message;
import parley.api.Setting;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginOrder;
import parley.api.plugin.PluginScanner;
import parley.api.sequence.SequenceAction;
import parley.api.spi.ClientExtension;
import parley.api.spi.Command;
import parley.api.spi.ServerFeature;
import parley.api.transport.ServerTransport;
import parley.api.transport.TransportContext;
import parley.api.wire.KernelShapes;
import parley.api.wire.LegacyLine;
import parley.api.wire.LegacyShape;
import parley.api.wire.WireCodec;

/**
 * A running Parley server, assembled from plugins.
 *
 * <p>{@link #start} makes fresh instances of every plugin's providers, starts the plugins' features
 * in order, registers their verbs (the first plugin to claim a verb keeps it), then starts the
 * transports. A plugin that fails at any step is reported in {@link #failures()} and skipped; the
 * server runs without it. {@link #close} is the graceful shutdown: stop accepting, end the
 * sequences, tell every client, stop the features, close the connections. Thread-safe.
 */
public final class ParleyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    private final Kernel kernel;
    private final List<ServerFeature> started;
    private final List<ServerTransport> transports;
    private final InetSocketAddress address;
    private final List<LoadedPlugin> loaded;
    private final List<PluginFailure> failures;
    private final List<String> warnings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ParleyServer(Kernel kernel, List<ServerFeature> started, List<ServerTransport> transports,
                         InetSocketAddress address, List<LoadedPlugin> loaded, List<PluginFailure> failures,
                         List<String> warnings) {
        this.kernel = kernel;
        this.started = started;
        this.transports = transports;
        this.address = address;
        this.loaded = List.copyOf(loaded);
        this.failures = List.copyOf(failures);
        this.warnings = List.copyOf(warnings);
    }

    /** Starts a server from the plugins on the module path (the boot layer): how tests embed one. */
    public static ParleyServer start(Config config) throws IOException {
        PluginScanner.Result scan = PluginScanner.scanBootLayer();
        return start(config, scan.plugins(), scan.failures());
    }

    /**
     * Starts a server from these plugins, in this order.
     *
     * @param earlierFailures failures found while loading the plugins, reported with the server's own
     * @throws IllegalArgumentException for a bad setting, naming it
     * @throws IllegalStateException    when no plugin provides a transport
     * @throws IOException              when the transport cannot listen
     */
    public static ParleyServer start(Config config, List<Plugin> plugins, List<PluginFailure> earlierFailures)
            throws IOException {
        ServerSettings.ALL.forEach(config::get); // fail fast on a bad value, naming its key
        long maxFrame = config.get(ServerSettings.MAX_FRAME_BYTES);
        if (maxFrame > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("setting 'max-frame-bytes': at most 2GiB, got " + maxFrame);
        }
        List<PluginFailure> failures = new ArrayList<>(earlierFailures);
        PluginOrder.Result order = PluginOrder.sort(plugins);
        failures.addAll(order.failures());
        List<Instance> instances = new ArrayList<>();
        for (Plugin plugin : order.ordered()) {
            if (!plugin.servesServer()) {
                continue;
            }
            try {
                instances.add(Instance.of(plugin));
            } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
                failures.add(new PluginFailure(plugin.name(), "cannot create its providers: " + PluginScanner.describe(e)));
            }
        }

        Kernel kernel = new Kernel(config);
        kernel.codec(new WireCodec((int) maxFrame, shapes(instances, failures)));

        Map<String, Kernel.Registered> verbs = new LinkedHashMap<>();
        Map<String, SequenceAction> actions = new LinkedHashMap<>();
        Map<String, String> actionOwners = new LinkedHashMap<>();
        verbs.put(Verbs.PING, new Kernel.Registered(new KernelCommands.Ping(), "kernel"));
        verbs.put(Verbs.PONG, new Kernel.Registered(new KernelCommands.Pong(), "kernel"));
        verbs.put("HELP", new Kernel.Registered(new KernelCommands.Help(() -> commandsOf(kernel)), "kernel"));
        verbs.put(Verbs.BEGIN_SEQUENCE, new Kernel.Registered(
                new KernelCommands.BeginSequence(actions, kernel.engine()), "kernel"));
        List<LoadedPlugin> loaded = new ArrayList<>();
        verbs.put("PLUGINS", new Kernel.Registered(new KernelCommands.Plugins(() -> loaded, () -> failures), "kernel"));

        List<ServerFeature> started = new ArrayList<>();
        List<ServerTransport> transports = new ArrayList<>();
        for (Instance instance : instances) {
            String name = instance.plugin().name();
            List<ServerFeature> mine = new ArrayList<>();
            try {
                for (ServerFeature feature : instance.features()) {
                    feature.start(kernel);
                    mine.add(feature);
                }
            } catch (Exception | LinkageError e) {
                LOG.warn("plugin {} failed to start", name, e);
                stopAll(mine.reversed());
                failures.add(new PluginFailure(name, "failed to start: " + PluginScanner.describe(e)));
                continue;
            }
            started.addAll(mine);
            List<String> myVerbs = new ArrayList<>();
            for (Command command : instance.commands()) {
                register(verbs, command.verb(), new Kernel.Registered(command, name), failures).ifPresent(myVerbs::add);
            }
            List<String> myActions = new ArrayList<>();
            for (SequenceAction action : instance.actions()) {
                String other = actionOwners.get(action.action());
                if (other != null) {
                    failures.add(new PluginFailure(name, "sequence action " + action.action()
                            + " refused: plugin " + other + " already provides it (the plugin loaded first wins)"));
                    continue;
                }
                actions.put(action.action(), action);
                actionOwners.put(action.action(), name);
                myActions.add(action.action());
                for (String answer : action.answerTypes()) {
                    register(verbs, answer, new Kernel.Registered(
                            new KernelCommands.Answer(answer, action, kernel.engine()), name), failures)
                            .ifPresent(myVerbs::add);
                }
            }
            transports.addAll(instance.transports());
            loaded.add(new LoadedPlugin(name, instance.plugin().version(), instance.plugin().description(),
                    instance.plugin().source(), myVerbs, myActions,
                    instance.transports().stream().map(ServerTransport::name).toList(),
                    clientCommands(instance.plugin())));
        }
        kernel.commands(verbs);

        if (transports.isEmpty()) {
            stopAll(started.reversed());
            kernel.timerPool().shutdownNow();
            throw new IllegalStateException("no server transport among the plugins: put the transport-tcp plugin"
                    + " (parley-transport-tcp.jar) in the plugins directory");
        }
        InetSocketAddress address = null;
        List<ServerTransport> running = new ArrayList<>();
        try {
            for (ServerTransport transport : transports) {
                InetSocketAddress bound = transport.start(new TransportContext(config, kernel, kernel.codec()));
                running.add(transport);
                if (address == null) {
                    address = bound;
                }
            }
        } catch (IOException | RuntimeException e) {
            running.forEach(t -> t.close(Duration.ZERO));
            stopAll(started.reversed());
            kernel.timerPool().shutdownNow();
            throw e;
        }
        List<String> known = new ArrayList<>(ServerSettings.ALL.stream().map(Setting::key).toList());
        order.ordered().forEach(p -> p.settings().forEach(setting -> known.add(setting.key())));
        List<String> warnings = UnknownSettings.warnings(config, known);
        warnings.forEach(LOG::warn);
        LOG.info("listening on {} with {} plugins", address, loaded.size());
        return new ParleyServer(kernel, started, running, address, List.copyOf(loaded), List.copyOf(failures), warnings);
    }

    private static Optional<String> register(Map<String, Kernel.Registered> verbs, String verb,
                                                       Kernel.Registered registered, List<PluginFailure> failures) {
        if (!LegacyLine.isVerb(verb)) {
            failures.add(new PluginFailure(registered.plugin(), "verb '" + verb
                    + "' refused: a verb is a capital letter followed by capitals, digits or _"));
            return Optional.empty();
        }
        Kernel.Registered other = verbs.get(verb);
        if (other != null) {
            failures.add(new PluginFailure(registered.plugin(), "verb " + verb + " refused: plugin " + other.plugin()
                    + " already provides it (the plugin loaded first wins)"));
            return Optional.empty();
        }
        verbs.put(verb, registered);
        return Optional.of(verb);
    }

    /** The slash commands a plugin adds to the client, for listings; a failing extension lists none. */
    private static List<String> clientCommands(Plugin plugin) {
        List<String> names = new ArrayList<>();
        for (Provider<ClientExtension> provider : plugin.clientExtensions()) {
            try {
                provider.get().commands().forEach(c -> names.add(c.name()));
            } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
                LOG.debug("cannot list the client commands of {}", plugin.name(), e);
            }
        }
        return names;
    }

    private static List<LegacyShape> shapes(List<Instance> instances, List<PluginFailure> failures) {
        List<LegacyShape> shapes = new ArrayList<>(KernelShapes.ALL);
        for (Instance instance : instances) {
            try {
                for (Command command : instance.commands()) {
                    shapes.add(LegacyShape.of(command.verb(), command.legacyArgs()));
                }
                for (ServerFeature feature : instance.features()) {
                    shapes.addAll(feature.pushShapes());
                }
            } catch (RuntimeException e) {
                failures.add(new PluginFailure(instance.plugin().name(), "bad legacy shape: " + e.getMessage()));
            }
        }
        return shapes;
    }

    private static Map<String, Command> commandsOf(Kernel kernel) {
        Map<String, Command> out = new LinkedHashMap<>();
        kernel.commands().forEach((verb, registered) -> out.put(verb, registered.command()));
        return out;
    }

    private static void stopAll(List<ServerFeature> features) {
        for (ServerFeature feature : features) {
            try {
                feature.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("plugin feature {} failed to stop", feature.getClass().getName(), e);
            }
        }
    }

    /** The address of the first transport. With port 0 in the config, the port it picked. */
    public InetSocketAddress address() {
        return address;
    }

    public List<LoadedPlugin> plugins() {
        return loaded;
    }

    /** Plugins that failed to load or start, and the verbs and actions that were refused. */
    public List<PluginFailure> failures() {
        return failures;
    }

    /** Settings in the config that nobody reads (likely typos), each with a suggestion where one is close. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every verb this server answers, sorted. */
    public List<String> verbs() {
        return kernel.commands().keySet().stream().sorted().toList();
    }

    /** What the features see; for embedding and tests. */
    public ServerContext context() {
        return kernel;
    }

    /**
     * Graceful shutdown: stop accepting, end every sequence with ERROR, send SHUTDOWN to every
     * client, stop the features, then close the connections after they wrote what was queued
     * (within {@code shutdown-grace}). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down");
        transports.forEach(ServerTransport::stopAccepting);
        kernel.engine().shutdown("server shutting down");
        Message notice = Message.of(Verbs.SHUTDOWN).put("reason", "server shutting down");
        var once = kernel.encodeOnce(notice);
        kernel.registry().open().forEach(session -> session.send(once));
        stopAll(started.reversed());
        Duration grace = kernel.config().get(ServerSettings.SHUTDOWN_GRACE);
        transports.forEach(t -> t.close(grace));
        kernel.timerPool().shutdownNow();
        LOG.info("stopped");
    }

    /** A plugin's providers, instantiated for this server. */
    private record Instance(Plugin plugin, List<ServerFeature> features, List<Command> commands,
                            List<SequenceAction> actions, List<ServerTransport> transports) {

        static Instance of(Plugin plugin) {
            return new Instance(plugin, all(plugin.features()), all(plugin.commands()),
                    all(plugin.sequenceActions()), all(plugin.transports()));
        }

        private static <T> List<T> all(List<Provider<T>> providers) {
            List<T> out = new ArrayList<>(providers.size());
            for (Provider<T> provider : providers) {
                out.add(provider.get());
            }
            return out;
        }
    }
}
