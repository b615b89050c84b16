package parley.api.server;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import parley.api.Message;
import parley.api.Request;
import parley.api.Verbs;
import parley.api.sequence.SequenceAction;
import parley.api.spi.Command;

/** The verbs the kernel answers itself, whatever plugins are loaded. */
final class KernelCommands {

    private KernelCommands() {
    }

    /**
     * {@code LOGIN "pseudo" ["password"]} → {@code DISPLAY_ROOM ...} (filled in by the login listeners),
     * or KO. The kernel reads only the pseudo; a password is for the authenticators.
     */
    record Login(Kernel kernel) implements Command {
        @Override
        public String verb() {
            return Verbs.LOGIN;
        }

        @Override
        public List<String> legacyArgs() {
            return List.of("pseudo", "password?");
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public String help() {
            return "logs in with a pseudo; the answer, DISPLAY_ROOM, lists the rooms (framed: and a resume token,"
                    + " to come back after a drop with {\"resume\":..})";
        }

        @Override
        public void handle(Request request) {
            kernel.identity().login(request, kernel.session(request.session()));
        }
    }

    /** {@code PING} → {@code PONG}, with the same seq. Allowed before LOGIN. */
    record Ping() implements Command {
        @Override
        public String verb() {
            return Verbs.PING;
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public String help() {
            return "the server answers PONG (keepalive; allowed before LOGIN)";
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of(Verbs.PONG));
        }
    }

    /** {@code PONG}: an answer to the server's keepalive; nothing to do, the read itself counts. */
    record Pong() implements Command {
        @Override
        public String verb() {
            return Verbs.PONG;
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public String help() {
            return "the answer to the server's PING";
        }

        @Override
        public void handle(Request request) {
            // reading it already reset the idle clock
        }
    }

    /** {@code HELP}: lists every verb with its legacy usage and one line of help. */
    record Help(Supplier<Map<String, Command>> commands) implements Command {
        @Override
        public String verb() {
            return "HELP";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public String help() {
            return "lists the verbs this server knows, with their legacy arguments";
        }

        @Override
        public void handle(Request request) {
            List<String> lines = commands.get().values().stream()
                    .map(c -> c.verb() + usage(c) + " - " + c.help())
                    .sorted()
                    .toList();
            request.reply(Message.of("HELP").put("verbs", lines));
        }

        private static String usage(Command c) {
            StringBuilder out = new StringBuilder();
            for (String arg : c.legacyArgs()) {
                out.append(" \"").append(arg).append('"');
            }
            return out.toString();
        }
    }

    /** {@code BEGIN_SEQUENCE}: starts a sequence of the named action. */
    record BeginSequence(Map<String, SequenceAction> actions, SequenceEngine engine) implements Command {
        @Override
        public String verb() {
            return Verbs.BEGIN_SEQUENCE;
        }

        @Override
        public String help() {
            return "starts a sequence (framed only): {\"seq\":..,\"action\":..,\"details\":{..}}";
        }

        @Override
        public void handle(Request request) {
            String name = request.require("action");
            SequenceAction action = actions.get(name);
            if (action == null) {
                request.error("unknown sequence action '" + name + "'; this server knows "
                        + (actions.isEmpty() ? "none" : String.join(", ", actions.keySet().stream().sorted().toList())));
                return;
            }
            engine.begin(action, request);
        }
    }

    /** A participant's answer to a sequence, e.g. {@code VOTE}; routed to the action by its seq. */
    record Answer(String verb, SequenceAction action, SequenceEngine engine) implements Command {
        @Override
        public String help() {
            return "answers a " + action.action() + " sequence; seq is the sequence id";
        }

        @Override
        public void handle(Request request) {
            engine.answer(action, request);
        }
    }

    /** {@code PLUGINS}: what this server loaded, and what failed, with the reasons. */
    record Plugins(java.util.function.Supplier<List<LoadedPlugin>> loaded,
                   java.util.function.Supplier<List<parley.api.plugin.PluginFailure>> failed) implements Command {
        @Override
        public String verb() {
            return "PLUGINS";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public String help() {
            return "lists the loaded plugins (verbs, sequence actions, client commands) and the failed ones";
        }

        @Override
        public void handle(Request request) {
            tools.jackson.databind.node.ArrayNode plugins = parley.api.wire.Json.array();
            List<String> lines = new java.util.ArrayList<>();
            for (LoadedPlugin plugin : loaded.get()) {
                var node = plugins.addObject().put("name", plugin.name()).put("version", plugin.version())
                        .put("description", plugin.description());
                plugin.verbs().forEach(node.putArray("verbs")::add);
                plugin.actions().forEach(node.putArray("actions")::add);
                plugin.clientCommands().forEach(node.putArray("client_commands")::add);
                lines.add(plugin.summary());
            }
            tools.jackson.databind.node.ArrayNode failures = parley.api.wire.Json.array();
            for (var failure : failed.get()) {
                failures.addObject().put("plugin", failure.plugin()).put("reason", failure.reason());
                lines.add("FAILED " + failure);
            }
            request.reply(Message.of("PLUGINS").put("plugins", plugins).put("failed", failures).put("lines", lines));
        }
    }

    /**
     * {@code STATS}: the operators' figures, the kernel's then the plugins' (see {@link parley.api.Figure}).
     * Framed: {@code {"type":"STATS","figures":[{"name":..,"labels":{..},"value":..,"kind":"gauge"|"counter",
     * "help":..}],"lines":["connections{protocol=tcp/framed}=3",..]}}; legacy: {@code STATS "connections{protocol=tcp/framed}=3" ..},
     * one argument per figure. Allowed before LOGIN, like PLUGINS: an operator's probe need not log in.
     */
    record Stats(FigureBoard board) implements Command {
        @Override
        public String verb() {
            return "STATS";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public String help() {
            return "the operators' figures: connections by protocol, sessions, messages in and out, heap, RSS, uptime, and the plugins'";
        }

        @Override
        public void handle(Request request) {
            tools.jackson.databind.node.ArrayNode figures = parley.api.wire.Json.array();
            List<String> lines = new java.util.ArrayList<>();
            for (parley.api.Figure figure : board.figures()) {
                var node = figures.addObject().put("name", figure.name());
                var labels = node.putObject("labels");
                figure.labels().forEach(labels::put);
                node.put("value", figure.value()).put("kind", figure.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .put("help", figure.help());
                lines.add(figure.text());
            }
            // a text client gets the lines, one argument per figure (KernelShapes: STATS "lines...")
            request.reply(Message.of("STATS").put("figures", figures).put("lines", lines));
        }
    }
}
