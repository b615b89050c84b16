package parley.api.server;

import java.util.List;

/**
 * A plugin that a server loaded, and what it brought.
 *
 * @param verbs      the verbs it handles (including sequence answers)
 * @param actions    the sequence actions it provides
 * @param transports the transports it provides
 */
public record LoadedPlugin(String name, String version, String description, String source,
                           List<String> verbs, List<String> actions, List<String> transports) {

    public LoadedPlugin {
        verbs = List.copyOf(verbs);
        actions = List.copyOf(actions);
        transports = List.copyOf(transports);
    }
}
