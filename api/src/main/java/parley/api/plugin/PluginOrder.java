package parley.api.plugin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts plugins in start order: the order they were found (a plugins directory's entries by name),
 * except that a plugin comes after every plugin it {@link Plugin#requires() requires}. A plugin whose
 * need is missing, failed, or part of a cycle is reported and left out, and so are the plugins that
 * need it. Deterministic: the same plugins always give the same order.
 */
public final class PluginOrder {

    private PluginOrder() {
    }

    /** The plugins in start order, and those left out with the reason. */
    public record Result(List<Plugin> ordered, List<PluginFailure> failures) {
    }

    public static Result sort(List<Plugin> plugins) {
        Map<String, Plugin> byName = new LinkedHashMap<>();
        List<PluginFailure> failures = new ArrayList<>();
        for (Plugin plugin : plugins) {
            if (byName.putIfAbsent(plugin.name(), plugin) != null) {
                failures.add(new PluginFailure(plugin.name(), "a plugin named " + plugin.name()
                        + " is already loaded from " + byName.get(plugin.name()).source()
                        + "; this copy from " + plugin.source() + " is skipped"));
            }
        }
        List<Plugin> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> refused = new LinkedHashSet<>();
        for (Plugin plugin : byName.values()) {
            place(plugin, byName, ordered, placed, refused, new ArrayList<>(), failures);
        }
        return new Result(List.copyOf(ordered), List.copyOf(failures));
    }

    /** Places the plugin after its needs; returns false if it cannot be placed. */
    private static boolean place(Plugin plugin, Map<String, Plugin> byName, List<Plugin> ordered, Set<String> placed,
                                 Set<String> refused, List<String> path, List<PluginFailure> failures) {
        String name = plugin.name();
        if (placed.contains(name)) {
            return true;
        }
        if (refused.contains(name)) {
            return false;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            for (String member : new LinkedHashSet<>(cycle)) {
                if (refused.add(member)) {
                    failures.add(new PluginFailure(member, "circular need: " + String.join(" -> ", cycle)
                            + "; break the cycle in their PluginInfo.requires()"));
                }
            }
            return false;
        }
        path.add(name);
        try {
            for (String need : plugin.requires()) {
                Plugin required = byName.get(need);
                if (required == null) {
                    refused.add(name);
                    failures.add(new PluginFailure(name, "needs plugin '" + need
                            + "', which is not in the plugins directory: add its jar"));
                    return false;
                }
                if (!place(required, byName, ordered, placed, refused, path, failures)) {
                    if (refused.add(name)) {
                        failures.add(new PluginFailure(name, "needs plugin '" + need + "', which could not be loaded"));
                    }
                    return false;
                }
            }
        } finally {
            path.remove(path.size() - 1);
        }
        if (refused.contains(name)) {
            return false;
        }
        placed.add(name);
        ordered.add(plugin);
        return true;
    }
}
