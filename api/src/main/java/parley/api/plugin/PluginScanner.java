package parley.api.plugin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.ServiceLoader.Provider;
import java.util.function.Function;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.sequence.SequenceAction;
import parley.api.spi.Benchmark;
import parley.api.spi.ClientExtension;
import parley.api.spi.Command;
import parley.api.spi.PluginInfo;
import parley.api.spi.ServerFeature;
import parley.api.transport.ClientConnector;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.ServerTransport;

/**
 * Finds the plugins of a module layer with {@link ServiceLoader}. Every service lookup of the
 * project happens here, in the kernel module, which declares {@code uses} for each SPI.
 *
 * <p>A layer's own modules only are taken: {@code ServiceLoader.load(layer, ...)} also returns the
 * parents' providers, which are filtered out.
 */
public final class PluginScanner {

    private PluginScanner() {
    }

    /** What a scan found. */
    public record Result(List<Plugin> plugins, List<PluginFailure> failures) {
    }

    /** The plugins among the boot layer's modules, by module name: how tests and embedded servers find them. */
    public static Result scanBootLayer() {
        return scan(ModuleLayer.boot(), "module path");
    }

    /**
     * The plugins whose modules belong to {@code layer} itself, one per module, sorted by module name.
     *
     * @param source where the layer came from, for reports
     */
    public static Result scan(ModuleLayer layer, String source) {
        Map<Module, Builder> byModule = new LinkedHashMap<>();
        List<PluginFailure> failures = new ArrayList<>();
        collect(layer, Command.class, source, byModule, failures, b -> b.commands);
        collect(layer, ServerFeature.class, source, byModule, failures, b -> b.features);
        collect(layer, SequenceAction.class, source, byModule, failures, b -> b.actions);
        collect(layer, ServerTransport.class, source, byModule, failures, b -> b.transports);
        collect(layer, ClientConnector.class, source, byModule, failures, b -> b.connectors);
        collect(layer, ClientExtension.class, source, byModule, failures, b -> b.clientExtensions);
        collect(layer, Benchmark.class, source, byModule, failures, b -> b.benchmarks);
        collect(layer, ConnectionProtocol.class, source, byModule, failures, b -> b.protocols);
        collect(layer, PluginInfo.class, source, byModule, failures, b -> b.infos);

        List<Plugin> plugins = new ArrayList<>();
        byModule.values().stream()
                .sorted(Comparator.comparing(b -> b.module.getName()))
                .forEach(b -> {
                    try {
                        plugins.add(b.build(source));
                    } catch (RuntimeException | ServiceConfigurationError e) {
                        failures.add(new PluginFailure(b.module.getName(), describe(e)));
                    }
                });
        return new Result(List.copyOf(plugins), List.copyOf(failures));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <S> void collect(ModuleLayer layer, Class<S> spi, String source, Map<Module, Builder> byModule,
                                    List<PluginFailure> failures, Function<Builder, List> list) {
        try {
            ServiceLoader.load(layer, spi).stream()
                    .filter(p -> p.type().getModule().getLayer() == layer)
                    .forEach(p -> list.apply(byModule.computeIfAbsent(p.type().getModule(), Builder::new)).add(p));
        } catch (ServiceConfigurationError e) {
            failures.add(new PluginFailure(source, "cannot load its " + spi.getSimpleName() + " providers: " + describe(e)));
        }
    }

    /** A one-line account of a failure, with its cause. */
    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        Throwable t = e;
        while (t != null) {
            if (!out.isEmpty()) {
                out.append(": ");
            }
            String message = t.getMessage();
            out.append(message == null ? t.getClass().getSimpleName() : message);
            if (t.getCause() == t) {
                break;
            }
            t = t.getCause();
        }
        return out.toString();
    }

    private static final class Builder {
        final Module module;
        final List<Provider<Command>> commands = new ArrayList<>();
        final List<Provider<ServerFeature>> features = new ArrayList<>();
        final List<Provider<SequenceAction>> actions = new ArrayList<>();
        final List<Provider<ServerTransport>> transports = new ArrayList<>();
        final List<Provider<ClientConnector>> connectors = new ArrayList<>();
        final List<Provider<ClientExtension>> clientExtensions = new ArrayList<>();
        final List<Provider<Benchmark>> benchmarks = new ArrayList<>();
        final List<Provider<PluginInfo>> infos = new ArrayList<>();
        final List<Provider<ConnectionProtocol>> protocols = new ArrayList<>();

        Builder(Module module) {
            this.module = module;
        }

        Plugin build(String source) {
            String name = module.getName();
            String version = module.getDescriptor().rawVersion().orElse("-");
            String description = "";
            List<String> requires = List.of();
            List<Setting<?>> settings = List.of();
            List<Setting<?>> clientSettings = List.of();
            if (!infos.isEmpty()) {
                PluginInfo info = infos.get(0).get();
                if (!ApiVersion.supports(info.apiVersion())) {
                    throw new IllegalStateException("built for kernel API version " + info.apiVersion()
                            + ", but this kernel runs plugins built for API " + ApiVersion.range()
                            + ": rebuild the plugin against this parley-api");
                }
                name = info.name();
                version = info.version();
                description = info.description();
                requires = info.requires();
                settings = info.settings();
                clientSettings = info.clientSettings();
            }
            return new Plugin(name, version, description, source, module, requires, settings, clientSettings,
                    commands, features,
                    actions, transports, connectors, clientExtensions, benchmarks, protocols);
        }
    }
}
