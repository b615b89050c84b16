package parley.api.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import parley.api.Config;

/** Finds the keys of a config that no one reads, most likely typos, and suggests the closest known key. */
final class UnknownSettings {

    private UnknownSettings() {
    }

    static List<String> warnings(Config config, Collection<String> known) {
        Set<String> keys = new TreeSet<>(known);
        List<String> warnings = new ArrayList<>();
        for (String key : new TreeSet<>(config.asMap().keySet())) {
            if (keys.contains(key)) {
                continue;
            }
            String closest = null;
            int best = Integer.MAX_VALUE;
            for (String candidate : keys) {
                int distance = distance(key, candidate);
                if (distance < best) {
                    best = distance;
                    closest = candidate;
                }
            }
            warnings.add("unknown setting '" + key + "': neither the kernel nor a loaded plugin reads it"
                    + (closest != null && best <= 3 ? " (did you mean '" + closest + "'?)" : ""));
        }
        return warnings;
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
