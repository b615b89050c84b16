package parley.api.plugin;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader.Provider;
import java.util.function.Supplier;

import parley.api.Setting;

import parley.api.sequence.SequenceAction;
import parley.api.spi.Benchmark;
import parley.api.spi.ClientExtension;
import parley.api.spi.Command;
import parley.api.spi.ServerFeature;
import parley.api.transport.ClientConnector;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.ServerTransport;

/**
 * One plugin module and the providers it declares, not yet instantiated. A server or client makes
 * its own instances from the providers, so two servers in one JVM never share plugin state.
 *
 * @param name        from its {@link parley.api.spi.PluginInfo}, else the module name
 * @param version     from its PluginInfo, else the module version, else {@code "-"}
 * @param source      where it came from: a jar or folder path, {@code "module path"} or {@code "embedded"}
 * @param module      its module, or {@code null} for an embedded plugin
 * @param requires    names of plugins it needs loaded first
 * @param settings    the server settings it reads (from its PluginInfo)
 * @param clientSettings the client settings it reads (from its PluginInfo)
 * @param protocols   the protocols a connection's first bytes may choose, handed to the server's transports
 */
public record Plugin(String name, String version, String description, String source, Module module,
                     List<String> requires, List<Setting<?>> settings, List<Setting<?>> clientSettings,
                     List<Provider<Command>> commands,
                     List<Provider<ServerFeature>> features,
                     List<Provider<SequenceAction>> sequenceActions,
                     List<Provider<ServerTransport>> transports,
                     List<Provider<ClientConnector>> connectors,
                     List<Provider<ClientExtension>> clientExtensions,
                     List<Provider<Benchmark>> benchmarks,
                     List<Provider<ConnectionProtocol>> protocols) {

    public Plugin {
        requires = List.copyOf(requires);
        settings = List.copyOf(settings);
        clientSettings = List.copyOf(clientSettings);
        commands = List.copyOf(commands);
        features = List.copyOf(features);
        sequenceActions = List.copyOf(sequenceActions);
        transports = List.copyOf(transports);
        connectors = List.copyOf(connectors);
        clientExtensions = List.copyOf(clientExtensions);
        benchmarks = List.copyOf(benchmarks);
        protocols = List.copyOf(protocols);
    }

    /** True when it offers anything to a server. */
    public boolean servesServer() {
        return !commands.isEmpty() || !features.isEmpty() || !sequenceActions.isEmpty() || !transports.isEmpty()
                || !protocols.isEmpty();
    }

    /** Starts an embedded plugin made from code rather than found in a layer: for embedding and tests. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Builds an embedded {@link Plugin}; each supplier is called once per server or client. */
    public static final class Builder {
        private final String name;
        private final List<Provider<Command>> commands = new ArrayList<>();
        private final List<Provider<ServerFeature>> features = new ArrayList<>();
        private final List<Provider<SequenceAction>> actions = new ArrayList<>();
        private final List<Provider<ServerTransport>> transports = new ArrayList<>();
        private final List<Provider<ClientConnector>> connectors = new ArrayList<>();
        private final List<Provider<ClientExtension>> clientExtensions = new ArrayList<>();
        private final List<Provider<Benchmark>> benchmarks = new ArrayList<>();
        private final List<Provider<ConnectionProtocol>> protocols = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder command(Supplier<? extends Command> command) {
            commands.add(new Embedded<>(command));
            return this;
        }

        public Builder feature(Supplier<? extends ServerFeature> feature) {
            features.add(new Embedded<>(feature));
            return this;
        }

        public Builder action(Supplier<? extends SequenceAction> action) {
            actions.add(new Embedded<>(action));
            return this;
        }

        public Builder transport(Supplier<? extends ServerTransport> transport) {
            transports.add(new Embedded<>(transport));
            return this;
        }

        public Builder connector(Supplier<? extends ClientConnector> connector) {
            connectors.add(new Embedded<>(connector));
            return this;
        }

        public Builder clientExtension(Supplier<? extends ClientExtension> extension) {
            clientExtensions.add(new Embedded<>(extension));
            return this;
        }

        public Builder benchmark(Supplier<? extends Benchmark> benchmark) {
            benchmarks.add(new Embedded<>(benchmark));
            return this;
        }

        public Builder protocol(Supplier<? extends ConnectionProtocol> protocol) {
            protocols.add(new Embedded<>(protocol));
            return this;
        }

        public Plugin build() {
            return new Plugin(name, "-", "", "embedded", null, List.of(), List.of(), List.of(), commands, features,
                    actions, transports,
                    connectors, clientExtensions, benchmarks, protocols);
        }
    }

    /** A provider backed by a supplier. */
    private record Embedded<S>(Supplier<? extends S> supplier) implements Provider<S> {
        @Override
        @SuppressWarnings("unchecked")
        public Class<? extends S> type() {
            return (Class<? extends S>) supplier.get().getClass();
        }

        @Override
        public S get() {
            return supplier.get();
        }
    }
}
