package parley.api.server;

import java.util.List;

/**
 * A plugin that a server loaded, and what it brought.
 *
 * @param verbs      the verbs it handles (including sequence answers)
 * @param actions    the sequence actions it provides
 * @param transports the transports it provides
 * @param clientCommands the slash commands it adds to the interactive client
 */
public record LoadedPlugin(String name, String version, String description, String source,
                           List<String> verbs, List<String> actions, List<String> transports,
                           List<String> clientCommands) {

    public LoadedPlugin {
        verbs = List.copyOf(verbs);
        actions = List.copyOf(actions);
        transports = List.copyOf(transports);
        clientCommands = List.copyOf(clientCommands);
    }

    /** One line for listings: {@code rooms 0.1.0: verbs BYE, JOIN_ROOM; client /join /leave}. */
    public String summary() {
        StringBuilder out = new StringBuilder(name).append(' ').append(version);
        String sep = ": ";
        if (!verbs.isEmpty()) {
            out.append(sep).append("verbs ").append(String.join(", ", verbs));
            sep = "; ";
        }
        if (!actions.isEmpty()) {
            out.append(sep).append("sequence actions ").append(String.join(", ", actions));
            sep = "; ";
        }
        if (!transports.isEmpty()) {
            out.append(sep).append("transports ").append(String.join(", ", transports));
            sep = "; ";
        }
        if (!clientCommands.isEmpty()) {
            out.append(sep).append("client ").append(String.join(" ", clientCommands.stream().map(c -> "/" + c).toList()));
        }
        return out.toString();
    }
}
