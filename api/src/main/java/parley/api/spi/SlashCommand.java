package parley.api.spi;

import java.util.Objects;

/**
 * A client command typed as {@code /name args}, contributed by a {@link ClientExtension}.
 *
 * @param name    without the slash, e.g. {@code join}
 * @param usage   the arguments, e.g. {@code <room>}; empty if none
 * @param help    one line for {@code /help}
 * @param handler runs the command
 */
public record SlashCommand(String name, String usage, String help, Handler handler) {

    public SlashCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(handler, "handler");
        usage = usage == null ? "" : usage;
        help = help == null ? "" : help;
    }

    /** Runs a slash command. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param args the text after the command name, trimmed (may be empty)
         * @throws Exception shown to the user as an error line; the client goes on
         */
        void run(String args, ClientContext context) throws Exception;
    }
}
