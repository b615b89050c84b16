package parley.api.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader.Provider;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginOrder;
import parley.api.plugin.PluginScanner;
import parley.api.sequence.SequenceAction;
import parley.api.spi.ClientExtension;
import parley.api.spi.Command;
import parley.api.spi.ServerFeature;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.ServerTransport;
import parley.api.wire.KernelShapes;
import parley.api.wire.LegacyLine;
import parley.api.wire.LegacyShape;

/**
 * The plugins a server hosts, and their verbs and sequence actions.
 *
 * <p><b>Loading</b> a plugin makes fresh instances of its providers, starts its features with a
 * {@link PluginContext} of its own, then registers its verbs and actions (the first plugin to claim a
 * verb keeps it) and its legacy shapes. <b>Unloading</b> one (hot reload) first unloads the plugins
 * that need it, then withdraws its verbs so no new call reaches it, waits for its running calls, ends
 * its sequences with ERROR, stops its features and takes back what it registered with the kernel.
 * A plugin that provides a transport cannot be unloaded while the server runs.
 *
 * <p>Loads and unloads are serialized by one lock; dispatch reads the verbs from a snapshot the host
 * publishes to the kernel after each change.
 */
final class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    /** How long an unload waits for the plugin's running calls to finish. */
    static final Duration DRAIN = Duration.ofSeconds(10);

    private final Kernel kernel;
    private final ShapeTable shapeTable;
    private final PluginContext kernelContext;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Kernel.Registered> verbs = new LinkedHashMap<>();
    private final Map<String, SequenceAction> actions = new ConcurrentHashMap<>();
    private final Map<String, String> actionOwners = new LinkedHashMap<>();
    private final Map<String, Hosted> hosted = new LinkedHashMap<>();
    private final List<PluginFailure> failures = new CopyOnWriteArrayList<>();
    private volatile List<LoadedPlugin> loaded = List.of();
    /** True once the server's transports run: a plugin loaded from then on is loaded without its transports. */
    private volatile boolean serving;

    /** A plugin in service, and everything needed to take it out again. */
    private record Hosted(Plugin plugin, LoadedPlugin report, List<ServerFeature> features,
                          List<ServerTransport> transports, List<ConnectionProtocol> protocols,
                          List<Kernel.Registered> registered,
                          List<SequenceAction> actions, List<LegacyShape> shapes, PluginContext context,
                          AtomicInteger inFlight) {
    }

    PluginHost(Kernel kernel, ShapeTable shapeTable, List<PluginFailure> earlier) {
        this.kernel = kernel;
        this.shapeTable = shapeTable;
        this.kernelContext = new PluginContext(kernel, "kernel");
        failures.addAll(earlier);
        kernelVerb(new KernelCommands.Login(kernel));
        kernelVerb(new KernelCommands.Ping());
        kernelVerb(new KernelCommands.Pong());
        kernelVerb(new KernelCommands.Help(this::commands));
        kernelVerb(new KernelCommands.BeginSequence(actions, kernel.engine()));
        kernelVerb(new KernelCommands.Plugins(() -> loaded, () -> failures));
        kernelVerb(new KernelCommands.Stats(kernel.figureBoard()));
        refresh();
    }

    /** Loads plugins in start order (see {@link PluginOrder}); returns the failures of this call. */
    List<PluginFailure> loadAll(List<Plugin> plugins) {
        lock.lock();
        try {
            List<Plugin> fresh = new ArrayList<>(hostedPlugins());
            fresh.addAll(plugins);
            PluginOrder.Result order = PluginOrder.sort(fresh);
            List<PluginFailure> mine = new ArrayList<>(order.failures());
            failures.addAll(order.failures());
            for (Plugin plugin : order.ordered()) {
                if (plugins.contains(plugin)) {
                    mine.addAll(load(plugin));
                }
            }
            return mine;
        } finally {
            lock.unlock();
        }
    }

    /** Loads one plugin whose needs are already loaded; returns its failures (none when all went in). */
    private List<PluginFailure> load(Plugin plugin) {
        String name = plugin.name();
        List<PluginFailure> mine = new ArrayList<>();
        if (!plugin.servesServer()) {
            return mine;
        }
        if (hosted.containsKey(name)) {
            return fail(mine, name, "a plugin named " + name + " is already loaded; unload it first");
        }
        for (String need : plugin.requires()) {
            if (!hosted.containsKey(need)) {
                return fail(mine, name, "needs plugin '" + need + "', which is not loaded");
            }
        }
        List<ServerFeature> features;
        List<Command> commands;
        List<SequenceAction> pluginActions;
        List<ServerTransport> transports;
        List<ConnectionProtocol> protocols;
        List<LegacyShape> shapes = new ArrayList<>();
        try {
            features = all(plugin.features());
            commands = all(plugin.commands());
            pluginActions = all(plugin.sequenceActions());
            // transports and their protocols start with the server: one loaded later runs without them
            transports = serving ? List.of() : all(plugin.transports());
            protocols = serving ? List.of() : all(plugin.protocols());
        } catch (RuntimeException | ServiceConfigurationError | LinkageError e) {
            return fail(mine, name, "cannot create its providers: " + PluginScanner.describe(e));
        }
        PluginContext context = new PluginContext(kernel, name);
        List<ServerFeature> started = new ArrayList<>();
        try {
            for (ServerFeature feature : features) {
                feature.start(context);
                started.add(feature);
            }
        } catch (Exception | LinkageError e) {
            LOG.warn("plugin {} failed to start", name, e);
            context.cancelTimers();
            stopAll(started.reversed());
            context.release("plugin " + name + " failed to start");
            return fail(mine, name, "failed to start: " + PluginScanner.describe(e));
        }
        context.started();
        commands = new ArrayList<>(commands);
        commands.addAll(context.commands());
        pluginActions = new ArrayList<>(pluginActions);
        pluginActions.addAll(context.actions());
        try {
            for (Command command : commands) {
                shapes.add(LegacyShape.of(command.verb(), command.legacyArgs()));
            }
            for (ServerFeature feature : features) {
                shapes.addAll(feature.pushShapes());
            }
        } catch (RuntimeException e) {
            context.cancelTimers();
            stopAll(started.reversed());
            context.release("plugin " + name + " has a bad legacy shape");
            return fail(mine, name, "bad legacy shape: " + e.getMessage());
        }
        AtomicInteger inFlight = new AtomicInteger();
        List<Kernel.Registered> registered = new ArrayList<>();
        for (Command command : commands) {
            register(command.verb(), new Kernel.Registered(command, name, context, inFlight), mine)
                    .ifPresent(registered::add);
        }
        List<SequenceAction> myActions = new ArrayList<>();
        for (SequenceAction action : pluginActions) {
            String other = actionOwners.get(action.action());
            if (other != null) {
                fail(mine, name, "sequence action " + action.action() + " refused: plugin " + other
                        + " already provides it (the plugin loaded first wins)");
                continue;
            }
            actions.put(action.action(), action);
            actionOwners.put(action.action(), name);
            myActions.add(action);
            for (String answer : action.answerTypes()) {
                register(answer, new Kernel.Registered(new KernelCommands.Answer(answer, action, kernel.engine()),
                        name, context, inFlight), mine).ifPresent(registered::add);
            }
        }
        LoadedPlugin report = new LoadedPlugin(name, plugin.version(), plugin.description(), plugin.source(),
                registered.stream().map(r -> r.command().verb()).toList(),
                myActions.stream().map(SequenceAction::action).toList(),
                transports.stream().map(ServerTransport::name).toList(), clientCommands(plugin));
        hosted.put(name, new Hosted(plugin, report, started, transports, protocols, registered, myActions, shapes, context, inFlight));
        refresh();
        return mine;
    }

    /**
     * Unloads a plugin, after the plugins that need it.
     *
     * @return the names unloaded, dependents first; empty if no such plugin is loaded
     * @throws IllegalStateException for a plugin that provides a running transport
     */
    List<String> unload(String name) {
        lock.lock();
        try {
            Hosted plugin = hosted.get(name);
            if (plugin == null) {
                return List.of();
            }
            if (!plugin.transports().isEmpty()) {
                throw new IllegalStateException("plugin " + name + " provides the "
                        + String.join(", ", plugin.report().transports())
                        + " transport, which cannot be unloaded while the server runs: restart the server");
            }
            if (!plugin.protocols().isEmpty()) {
                throw new IllegalStateException("plugin " + name + " provides the "
                        + String.join(", ", plugin.protocols().stream().map(ConnectionProtocol::name).toList())
                        + " protocol, which the transports hold while the server runs: restart the server");
            }
            List<String> gone = new ArrayList<>();
            for (Hosted other : List.copyOf(hosted.values())) {
                if (other.plugin().requires().contains(name) && hosted.containsKey(other.plugin().name())) {
                    gone.addAll(unload(other.plugin().name()));
                }
            }
            for (Kernel.Registered registered : plugin.registered()) {
                verbs.remove(registered.command().verb(), registered);
            }
            for (SequenceAction action : plugin.actions()) {
                actions.remove(action.action(), action);
                actionOwners.remove(action.action());
            }
            publish(); // no new call reaches the plugin from here on
            awaitIdle(name, plugin.inFlight());
            for (SequenceAction action : plugin.actions()) {
                kernel.engine().abortAction(action, "plugin " + name + " was unloaded");
            }
            plugin.context().cancelTimers(); // no timer task may run on a stopped feature
            stopAll(plugin.features().reversed());
            plugin.context().release("plugin " + name + " was unloaded");
            hosted.remove(name);
            refresh();
            LOG.info("plugin {} unloaded", name);
            gone.add(name);
            return gone;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The server's transports have started: plugins loaded from now on are loaded without theirs (they
     * would never start), so they can be unloaded again.
     */
    void serving() {
        serving = true;
    }

    /** Stops every plugin's features, last loaded first: the server is shutting down. */
    void stopAll() {
        lock.lock();
        try {
            List<Hosted> all = new ArrayList<>(hosted.values());
            for (Hosted plugin : all.reversed()) {
                plugin.context().cancelTimers();
                stopAll(plugin.features().reversed());
            }
        } finally {
            lock.unlock();
        }
    }

    List<ServerTransport> transports() {
        lock.lock();
        try {
            return hosted.values().stream().flatMap(h -> h.transports().stream()).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The plugins' connection protocols, in plugin start order. */
    List<ConnectionProtocol> protocols() {
        lock.lock();
        try {
            return hosted.values().stream().flatMap(h -> h.protocols().stream()).toList();
        } finally {
            lock.unlock();
        }
    }

    PluginContext kernelContext() {
        return kernelContext;
    }

    List<LoadedPlugin> loaded() {
        return loaded;
    }

    List<PluginFailure> failures() {
        return List.copyOf(failures);
    }

    /** The settings keys of the hosted plugins. */
    List<String> settingKeys() {
        lock.lock();
        try {
            return hosted.values().stream().flatMap(h -> h.plugin().settings().stream()).map(s -> s.key()).toList();
        } finally {
            lock.unlock();
        }
    }

    private List<Plugin> hostedPlugins() {
        return hosted.values().stream().map(Hosted::plugin).toList();
    }

    private void kernelVerb(Command command) {
        verbs.put(command.verb(), new Kernel.Registered(command, "kernel", kernelContext, new AtomicInteger()));
    }

    private java.util.Optional<Kernel.Registered> register(String verb, Kernel.Registered registered,
                                                           List<PluginFailure> mine) {
        if (!LegacyLine.isVerb(verb)) {
            fail(mine, registered.plugin(), "verb '" + verb
                    + "' refused: a verb is a capital letter followed by capitals, digits or _");
            return java.util.Optional.empty();
        }
        Kernel.Registered other = verbs.get(verb);
        if (other != null) {
            fail(mine, registered.plugin(), "verb " + verb + " refused: plugin " + other.plugin()
                    + " already provides it (the plugin loaded first wins)");
            return java.util.Optional.empty();
        }
        verbs.put(verb, registered);
        return java.util.Optional.of(registered);
    }

    private List<PluginFailure> fail(List<PluginFailure> mine, String plugin, String reason) {
        PluginFailure failure = new PluginFailure(plugin, reason);
        mine.add(failure);
        failures.add(failure);
        return mine;
    }

    /** Publishes the verbs, the legacy shapes and the plugin list after a change. */
    private void refresh() {
        List<LegacyShape> shapes = new ArrayList<>(KernelShapes.ALL);
        verbs.values().stream().filter(r -> r.plugin().equals("kernel"))
                .forEach(r -> shapes.add(LegacyShape.of(r.command().verb(), r.command().legacyArgs())));
        hosted.values().forEach(h -> shapes.addAll(h.shapes()));
        shapeTable.replace(shapes);
        publish();
        loaded = hosted.values().stream().map(Hosted::report).toList();
    }

    private void publish() {
        kernel.commands(verbs);
    }

    private Map<String, Command> commands() {
        Map<String, Command> out = new LinkedHashMap<>();
        kernel.commands().forEach((verb, registered) -> out.put(verb, registered.command()));
        return out;
    }

    private static void awaitIdle(String name, AtomicInteger inFlight) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() > deadline) {
                LOG.warn("plugin {} still has {} calls running after {}; unloading anyway", name, inFlight.get(), DRAIN);
                return;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
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

    private static void stopAll(List<ServerFeature> features) {
        for (ServerFeature feature : features) {
            try {
                feature.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("plugin feature {} failed to stop", feature.getClass().getName(), e);
            }
        }
    }

    private static <T> List<T> all(List<Provider<T>> providers) {
        List<T> out = new ArrayList<>(providers.size());
        for (Provider<T> provider : providers) {
            out.add(provider.get());
        }
        return out;
    }
}
