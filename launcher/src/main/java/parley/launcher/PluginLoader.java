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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import parley.api.plugin.Plugin;
import parley.api.plugin.PluginFailure;
import parley.api.plugin.PluginScanner;

/**
 * Builds one module layer per plugin from a plugins directory, and finds the plugins in them.
 *
 * <p>An entry of the directory is a plugin: a {@code .jar} (a named or an automatic module), or a
 * folder holding the plugin's jar and the libraries it brings. Entries are taken in name order,
 * which is the order the server starts them in. The plugin's modules are resolved <em>after</em> the
 * boot layer's (where the kernel, Jackson, SLF4J and Logback live), so a stray copy of the kernel or of
 * Jackson in a plugin folder is ignored rather than loaded twice. An entry that cannot be loaded (not a
 * jar, a missing module, a split package, a provider that cannot be found) is reported with its name and
 * the reason, and skipped.
 *
 * <p><b>API layers.</b> An entry whose module another entry {@code requires} (the rooms API, which the
 * rooms, vote and files plugins read) becomes a layer of its own, made once per jar and shared: it is
 * the parent of every layer that reads it, so those plugins share its types while none sees another's
 * classes. An entry that exports packages and provides no Parley service is such a library and is not
 * reported. Replacing an API jar while the server runs needs a restart: layers made before keep the
 * old one.
 */
final class PluginLoader {

    /** An API jar as it was when its layer was made: the same jar, unchanged, gives the same layer. */
    private record ApiKey(Path jar, long size, long modified) {
    }

    /** API layers, made once per jar; shared by every load in this JVM. */
    private static final Map<ApiKey, ModuleLayer> API_LAYERS = new ConcurrentHashMap<>();

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
        Map<String, Path> exporters = exporters(directory);
        for (Path entry : entries(directory, failures)) {
            PluginScanner.Result found = loadEntry(entry, exporters);
            plugins.addAll(found.plugins());
            failures.addAll(found.failures());
        }
        return new PluginScanner.Result(List.copyOf(plugins), List.copyOf(failures));
    }

    /** Loads one entry of a plugins directory (a jar or a folder) into a layer of its own. */
    static PluginScanner.Result loadEntry(Path entry) {
        return loadEntry(entry, exporters(entry.toAbsolutePath().getParent()));
    }

    private static PluginScanner.Result loadEntry(Path entry, Map<String, Path> exporters) {
        String name = entry.getFileName().toString();
        try {
            ModuleLayer layer = layerOf(entry.toAbsolutePath().normalize(), exporters);
            PluginScanner.Result found = PluginScanner.scan(layer, entry.toString());
            if (found.plugins().isEmpty() && found.failures().isEmpty()) {
                if (exportsSomething(layer)) {
                    return new PluginScanner.Result(List.of(), List.of()); // an API layer for other plugins
                }
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

    /** Which entry of the directory holds each module that the boot layer does not have. */
    private static Map<String, Path> exporters(Path directory) {
        Map<String, Path> exporters = new HashMap<>();
        for (Path entry : entries(directory, new ArrayList<>())) {
            try {
                for (ModuleReference module : ModuleFinder.of(entry).findAll()) {
                    String name = module.descriptor().name();
                    if (ModuleLayer.boot().findModule(name).isEmpty()) {
                        exporters.putIfAbsent(name, entry.toAbsolutePath().normalize());
                    }
                }
            } catch (FindException | SecurityException e) {
                // reported when that entry itself is loaded
            }
        }
        return exporters;
    }

    /** The layer of an entry: a shared one for an API jar that others read, else a fresh one. */
    private static ModuleLayer layerOf(Path entry, Map<String, Path> exporters) {
        if (isReadByOthers(entry, exporters)) {
            return apiLayer(entry, exporters, new ArrayList<>());
        }
        return newLayer(entry, exporters, new ArrayList<>());
    }

    private static boolean isReadByOthers(Path entry, Map<String, Path> exporters) {
        Set<String> own = names(ModuleFinder.of(entry));
        for (Path other : Set.copyOf(exporters.values())) {
            if (other.equals(entry)) {
                continue;
            }
            for (ModuleReference module : ModuleFinder.of(other).findAll()) {
                if (module.descriptor().requires().stream().anyMatch(r -> own.contains(r.name()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static ModuleLayer apiLayer(Path entry, Map<String, Path> exporters, List<Path> path) {
        ApiKey key;
        try {
            key = new ApiKey(entry.toRealPath(), Files.size(entry), Files.getLastModifiedTime(entry).toMillis());
        } catch (IOException e) {
            throw new FindException("cannot read " + entry + ": " + e.getMessage());
        }
        ModuleLayer layer = API_LAYERS.get(key);
        if (layer == null) {
            layer = newLayer(entry, exporters, path);
            ModuleLayer raced = API_LAYERS.putIfAbsent(key, layer);
            layer = raced != null ? raced : layer;
        }
        return layer;
    }

    /** A layer for the entry's modules, whose parents are the API layers of the modules they read. */
    private static ModuleLayer newLayer(Path entry, Map<String, Path> exporters, List<Path> path) {
        if (path.contains(entry)) {
            throw new FindException("plugins read each other in a circle: " + path + " -> " + entry);
        }
        path.add(entry);
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
        List<ModuleLayer> parents = new ArrayList<>();
        for (ModuleReference module : finder.findAll()) {
            for (var requires : module.descriptor().requires()) {
                Path exporter = exporters.get(requires.name());
                if (exporter != null && !exporter.equals(entry) && !roots.contains(requires.name())) {
                    ModuleLayer parent = apiLayer(exporter, exporters, path);
                    if (!parents.contains(parent)) {
                        parents.add(parent);
                    }
                }
            }
        }
        path.remove(entry);
        if (parents.isEmpty()) {
            parents.add(boot);
        }
        Configuration configuration = Configuration.resolve(ModuleFinder.of(),
                parents.stream().map(ModuleLayer::configuration).toList(), finder, roots);
        return ModuleLayer.defineModulesWithOneLoader(configuration, parents, ClassLoader.getSystemClassLoader()).layer();
    }

    private static Set<String> names(ModuleFinder finder) {
        return finder.findAll().stream().map(m -> m.descriptor().name()).collect(Collectors.toSet());
    }

    private static boolean exportsSomething(ModuleLayer layer) {
        return layer.modules().stream().anyMatch(m -> !m.getDescriptor().exports().isEmpty());
    }
}
