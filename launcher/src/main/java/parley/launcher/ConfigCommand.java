package parley.launcher;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import parley.api.Setting;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginOrder;
import parley.api.plugin.PluginScanner;
import parley.api.server.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley config}: a config file with every server setting, the kernel's and the plugins',
 * commented out at its default with its description. The archive's {@code parley.properties} is made
 * with it.
 */
@Command(name = "config", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Prints a config file (properties) with every server setting of the kernel and of the"
                + " plugins commented out at its default: save it as parley.properties and uncomment what you change.")
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--plugins", paramLabel = "DIR", description = "plugins directory (default: plugins/ of the Parley folder)")
    Path plugins;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginScanner.Result found = PluginLoader.load(plugins != null ? plugins : Home.plugins());
        out.println("# Parley server settings (parley " + Main.Version.number() + ").");
        out.println("#");
        out.println("# Every setting is here, commented out at its default: uncomment a line to change it.");
        out.println("# Sizes take B, KiB, MiB or GiB; durations ms, s, m or h (a bare number is seconds).");
        out.println("# `parley server` reads parley.properties from the Parley folder (beside bin/), or the file");
        out.println("# given with --config; --set key=value and options such as --port win over it.");
        section(out, "the kernel", ServerSettings.ALL);
        for (Plugin plugin : PluginOrder.sort(found.plugins()).ordered()) {
            section(out, "plugin " + plugin.name() + " (" + Path.of(plugin.source()).getFileName() + ")", plugin.settings());
        }
        found.failures().forEach(f -> out.println("\n# not loaded, its settings are missing here: " + f));
        return 0;
    }

    private static void section(PrintWriter out, String title, List<Setting<?>> settings) {
        if (settings.isEmpty()) {
            return;
        }
        out.println();
        out.println("## " + title);
        for (Setting<?> setting : settings) {
            out.println();
            out.println("# " + setting.description());
            if (setting.key().equals(DataDir.KEY)) {
                out.println("# Unset: data/ in the Parley folder, or $XDG_DATA_HOME/parley (~/.local/share/parley)");
                out.println("# when that folder cannot be written. A relative path starts at the working directory.");
                out.println("#" + DataDir.KEY + "=data");
            } else {
                out.println("#" + escape(setting.key()) + "=" + escape(setting.defaultText()));
            }
        }
    }

    /** A key or value as java.util.Properties reads it back. */
    private static String escape(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '\\' || c == '=' || c == ':' || c == '#' || c == '!') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
