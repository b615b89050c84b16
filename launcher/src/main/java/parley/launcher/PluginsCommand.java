package parley.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader.Provider;
import java.util.concurrent.Callable;
import java.util.function.Function;

import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginOrder;
import parley.api.plugin.PluginScanner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley plugins}: what a plugins directory holds, and what fails to load. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Lists the plugins of a plugins directory: name, version, verbs, sequence actions,"
                + " client commands; then the ones that fail to load, with the reason.")
final class PluginsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: plugins/ in the Parley folder)")
    Path plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = plugins != null ? plugins : Home.plugins();
        PluginScanner.Result found = PluginLoader.load(dir);
        PluginOrder.Result order = PluginOrder.sort(found.plugins());
        List<PluginFailure> failures = new java.util.ArrayList<>(found.failures());
        failures.addAll(order.failures());
        out.println("plugins in " + dir + ", in start order:");
        for (Plugin plugin : order.ordered()) {
            out.println("  " + plugin.name() + " " + plugin.version() + "  (" + Path.of(plugin.source()).getFileName() + ")"
                    + (plugin.description().isEmpty() ? "" : " - " + plugin.description()));
            try {
                line(out, "verbs", plugin.commands(), c -> c.verb());
                if (!plugin.features().isEmpty()) {
                    out.println("      (its features register more verbs when the server starts: ./parley server lists them)");
                }
                line(out, "sequence actions", plugin.sequenceActions(), a -> a.action());
                line(out, "client commands", plugin.clientExtensions(),
                        e -> String.join(" ", e.commands().stream().map(c -> "/" + c.name()).toList()));
                line(out, "transports", plugin.transports(), t -> t.name());
                line(out, "protocols", plugin.protocols(), p -> p.name());
                settings(out, "server settings", plugin.settings());
                settings(out, "client settings", plugin.clientSettings());
            } catch (RuntimeException | java.util.ServiceConfigurationError e) {
                out.println("      FAILED: " + PluginScanner.describe(e));
            }
        }
        if (!failures.isEmpty()) {
            out.println("failed to load:");
            for (PluginFailure failure : failures) {
                out.println("  " + failure);
            }
        }
        return failures.isEmpty() ? 0 : 1;
    }

    private static void settings(PrintWriter out, String label, List<parley.api.Setting<?>> settings) {
        if (!settings.isEmpty()) {
            out.println("      " + label + ":");
            settings.forEach(s -> out.println("        " + s.key() + " = " + s.defaultText() + "  (" + s.description() + ")"));
        }
    }

    private static <T> void line(PrintWriter out, String label, List<Provider<T>> providers, Function<T, String> name) {
        List<String> names = providers.stream().map(p -> name.apply(p.get())).filter(n -> !n.isEmpty()).sorted().toList();
        if (!names.isEmpty()) {
            out.println("      " + label + ": " + String.join(", ", names));
        }
    }
}
