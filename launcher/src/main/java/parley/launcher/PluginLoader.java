package parley.launcher;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolutionException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginScanner;

/**
 * Builds one module layer per plugin from a plugins directory, each a child of the boot layer
 * (where the kernel, Jackson, SLF4J and Logback live), and finds the plugins in them.
 *
 * <p>An entry of the directory is a plugin: a {@code .jar} (a named or an automatic module), or a
 * folder holding the plugin's jar and the libraries it brings. Entries are taken in name order,
 * which is the order the server starts them in. The plugin's modules are resolved <em>after</em> the
 * boot layer's, so a stray copy of the kernel or of Jackson in a plugin folder is ignored rather than
 * loaded twice. An entry that cannot be loaded (not a jar, a missing module, a split package, a
 * provider that cannot be found) is reported with its name and the reason, and skipped.
 */
final class PluginLoader {

    private PluginLoader() {
    }

    static PluginScanner.Result load(Path directory) {
        List<Plugin> plugins = new ArrayList<>();
        List<PluginFailure> failures = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            failures.add(new PluginFailure(directory.toString(), "no such plugins directory"
                    + " (build the project with ./parley, or pass --plugins DIR)"));
            return new PluginScanner.Result(plugins, failures);
        }
        for (Path entry : entries(directory, failures)) {
            PluginScanner.Result found = loadEntry(entry);
            plugins.addAll(found.plugins());
            failures.addAll(found.failures());
        }
        return new PluginScanner.Result(List.copyOf(plugins), List.copyOf(failures));
    }

    /** Loads one entry of a plugins directory (a jar or a folder) into a layer of its own. */
    static PluginScanner.Result loadEntry(Path entry) {
        String name = entry.getFileName().toString();
        try {
            PluginScanner.Result found = PluginScanner.scan(layerOf(entry), entry.toString());
            if (found.plugins().isEmpty() && found.failures().isEmpty()) {
                return new PluginScanner.Result(List.of(), List.of(new PluginFailure(name, "provides no Parley service:"
                        + " is its module-info missing a 'provides parley.api.spi.Command with ...'?")));
            }
            return found;
        } catch (FindException | ResolutionException | LayerInstantiationException | SecurityException e) {
            return new PluginScanner.Result(List.of(), List.of(new PluginFailure(name, PluginScanner.describe(e))));
        } catch (RuntimeException | LinkageError e) {
            return new PluginScanner.Result(List.of(), List.of(new PluginFailure(name, "cannot load: " + PluginScanner.describe(e))));
        }
    }

    /** The entries of a plugins directory that are plugins: jars and folders, by name, hidden ones left out. */
    static List<Path> entries(Path directory, List<PluginFailure> failures) {
        try (Stream<Path> list = Files.list(directory)) {
            return list.filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isDirectory(p) || p.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            failures.add(new PluginFailure(directory.toString(), "cannot list the plugins directory: " + e.getMessage()));
            return List.of();
        }
    }

    private static ModuleLayer layerOf(Path entry) {
        ModuleFinder finder = ModuleFinder.of(entry);
        ModuleLayer boot = ModuleLayer.boot();
        Set<String> roots = finder.findAll().stream()
                .map(ModuleReference::descriptor)
                .map(d -> d.name())
                .filter(n -> boot.findModule(n).isEmpty())
                .collect(Collectors.toSet());
        if (roots.isEmpty()) {
            throw new FindException("holds no module that the server does not already have");
        }
        Configuration configuration = boot.configuration().resolve(ModuleFinder.of(), finder, roots);
        return ModuleLayer.defineModulesWithOneLoader(configuration, List.of(boot),
                ClassLoader.getSystemClassLoader()).layer();
    }
}
