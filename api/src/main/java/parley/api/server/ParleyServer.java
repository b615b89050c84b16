package parley.api.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.Message;
import parley.api.Setting;
import parley.api.Verbs;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginScanner;
import parley.api.transport.ServerTransport;
import parley.api.transport.TransportContext;
import parley.api.wire.WireCodec;

/**
 * A running Parley server, assembled from plugins.
 *
 * <p>{@link #start} makes fresh instances of every plugin's providers, starts the plugins' features
 * in order, registers their verbs (the first plugin to claim a verb keeps it), then starts the
 * transports. A plugin that fails at any step is reported in {@link #failures()} and skipped; the
 * server runs without it. {@link #load} and {@link #unload} change the plugins while it runs (hot
 * reload). {@link #close} is the graceful shutdown: stop accepting, end the sequences, tell every
 * client, stop the features, close the connections. Thread-safe.
 */
public final class ParleyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);

    private final Kernel kernel;
    private final PluginHost host;
    private final Keepalive keepalive;
    private final Map<String, InetSocketAddress> addresses;
    private final List<ServerTransport> transports;
    private final List<String> warnings;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ParleyServer(Kernel kernel, PluginHost host, Keepalive keepalive, List<ServerTransport> transports,
                         Map<String, InetSocketAddress> addresses, List<String> warnings) {
        this.kernel = kernel;
        this.host = host;
        this.keepalive = keepalive;
        this.transports = transports;
        this.addresses = Map.copyOf(addresses);
        this.warnings = List.copyOf(warnings);
    }

    /** Starts a server from the plugins on the module path (the boot layer): how tests embed one. */
    public static ParleyServer start(Config config) throws IOException {
        PluginScanner.Result scan = PluginScanner.scanBootLayer();
        return start(config, scan.plugins(), scan.failures());
    }

    /**
     * Starts a server from these plugins, in start order (see {@link parley.api.plugin.PluginOrder}).
     *
     * @param earlierFailures failures found while loading the plugins, reported with the server's own
     * @throws IllegalArgumentException for a bad setting, naming it
     * @throws IllegalStateException    when no plugin provides a transport
     * @throws IOException              when a transport cannot listen
     */
    public static ParleyServer start(Config config, List<Plugin> plugins, List<PluginFailure> earlierFailures)
            throws IOException {
        ServerSettings.ALL.forEach(config::get); // fail fast on a bad value, naming its key
        long maxFrame = config.get(ServerSettings.MAX_FRAME_BYTES);
        if (maxFrame > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("setting 'max-frame-bytes': at most 2GiB, got " + maxFrame);
        }
        Kernel kernel = new Kernel(config);
        ShapeTable shapes = new ShapeTable();
        kernel.codec(new WireCodec((int) maxFrame, shapes::get));
        // set up now, not in the first client's LOGIN (together a quarter of a second): the JSON mapper,
        // and the look-alike table every LOGIN needs
        parley.api.wire.Json.object();
        parley.api.Names.key("parley");
        PluginHost host = new PluginHost(kernel, shapes, earlierFailures);
        host.loadAll(plugins);

        List<ServerTransport> transports = host.transports();
        if (transports.isEmpty()) {
            host.stopAll();
            kernel.timerPool().shutdownNow();
            throw new IllegalStateException("no server transport among the plugins: put the transport-tcp plugin"
                    + " (parley-transport-tcp.jar) in the plugins directory");
        }
        Map<String, InetSocketAddress> addresses = new LinkedHashMap<>();
        List<ServerTransport> running = new ArrayList<>();
        try {
            for (ServerTransport transport : transports) {
                InetSocketAddress bound = transport.start(new TransportContext(config, kernel, kernel.codec(), host.protocols()));
                running.add(transport);
                addresses.put(transport.name(), bound);
            }
        } catch (IOException | RuntimeException e) {
            running.forEach(ServerTransport::close);
            host.stopAll();
            kernel.timerPool().shutdownNow();
            throw e;
        }
        host.serving();
        Keepalive keepalive = new Keepalive(kernel);
        keepalive.start();
        List<String> known = new ArrayList<>(ServerSettings.ALL.stream().map(Setting::key).toList());
        known.addAll(host.settingKeys());
        List<String> warnings = UnknownSettings.warnings(config, known);
        warnings.forEach(LOG::warn);
        addresses.forEach((name, address) -> LOG.info("transport {} bound to {}", name, address));
        return new ParleyServer(kernel, host, keepalive, running, addresses, warnings);
    }

    /** The address of the first transport. With port 0 in the config, the port it picked. */
    public InetSocketAddress address() {
        return addresses.values().iterator().next();
    }

    /** Every transport's address, by transport name, in start order. */
    public Map<String, InetSocketAddress> addresses() {
        return addresses;
    }

    /** The plugins loaded now, in start order. */
    public List<LoadedPlugin> plugins() {
        return host.loaded();
    }

    /** Plugins that failed to load or start, and the verbs and actions that were refused, since start. */
    public List<PluginFailure> failures() {
        return host.failures();
    }

    /** Settings in the config that nobody reads (likely typos), each with a suggestion where one is close. */
    public List<String> warnings() {
        return warnings;
    }

    /** Every verb this server answers now, sorted. */
    public List<String> verbs() {
        return kernel.commands().keySet().stream().sorted().toList();
    }

    /** The kernel's own view, as a plugin's context: for embedding and tests. */
    public parley.api.ServerContext context() {
        return host.kernelContext();
    }

    /**
     * Loads plugins into the running server (hot reload): their features start and their verbs are
     * answered from now on. A plugin whose needs are not loaded, or whose name is taken, is refused.
     * Plugins that provide a transport are loaded without it (transports start with the server).
     *
     * @return the failures of this load; empty when everything went in
     */
    public List<PluginFailure> load(List<Plugin> plugins) {
        return host.loadAll(plugins);
    }

    /**
     * Unloads a plugin from the running server (hot reload), after the plugins that need it: its verbs
     * are withdrawn at once, its running calls are allowed to finish, its sequences end with ERROR,
     * its timers are cancelled, its features stop and what it registered with the kernel is taken back.
     *
     * @return the names unloaded, dependents first; empty if no such plugin is loaded
     * @throws IllegalStateException for the plugin of a running transport
     */
    public List<String> unload(String name) {
        return host.unload(name);
    }

    /**
     * Graceful shutdown: stop accepting, end every sequence with ERROR, send SHUTDOWN to every
     * client, stop the features, then close the connections after they wrote what was queued
     * (within each transport's grace). Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("shutting down");
        kernel.resumes().stop(); // a restart forgets resume tokens: clients log in again and ask HISTORY
        transports.forEach(ServerTransport::stopAccepting);
        keepalive.stop();
        kernel.engine().shutdown("server shutting down");
        Message notice = Message.of(Verbs.SHUTDOWN).put("reason", "server shutting down");
        var once = kernel.encodeOnce(notice);
        kernel.registry().open().forEach(session -> session.send(once));
        try { // no request runs while the plugins stop: a room makes no id its log would miss
            if (!kernel.stopDispatching(java.time.Duration.ofSeconds(5))) {
                LOG.warn("requests still running 5 s into the shutdown; stopping the plugins anyway");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        host.stopAll();
        transports.forEach(ServerTransport::close);
        kernel.timerPool().shutdownNow();
        LOG.info("stopped");
    }
}
