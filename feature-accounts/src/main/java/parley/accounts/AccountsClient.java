package parley.accounts;

import java.time.Duration;
import java.util.List;

import parley.api.Message;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * The client's {@code /register}, {@code /password} and {@code /reset-password}. Passwords are asked
 * for without echo ({@link ClientContext#askSecret}) when no argument is given, which is the way to use
 * them at a terminal: a password typed as an argument shows on the screen and stays in the line history.
 * Arguments are for scripts and clients with no terminal.
 */
public final class AccountsClient implements ClientExtension {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Override
    public List<SlashCommand> commands() {
        return List.of(
                new SlashCommand("register", "", "register your pseudo with a password (asked without echo)",
                        (args, ctx) -> register(args, ctx)),
                new SlashCommand("password", "", "change your password (asked without echo)",
                        (args, ctx) -> password(args, ctx)),
                new SlashCommand("reset-password", "<pseudo>", "operators: give an account a temporary password",
                        (args, ctx) -> reset(args, ctx)));
    }

    private static void register(String args, ClientContext ctx) {
        String password = args.isEmpty() ? newPassword(ctx) : args;
        if (password == null) {
            return;
        }
        Message reply = ctx.client().call(Message.of("REGISTER").put("password", password), WAIT);
        ctx.print("OK".equals(reply.type())
                ? "registered '" + ctx.pseudo() + "': from now on, log in with this password"
                : "! " + reply.text("reason"));
    }

    private static void password(String args, ClientContext ctx) {
        String old;
        String password;
        if (args.isEmpty()) {
            old = ask(ctx, "current password: ");
            if (old == null) {
                return;
            }
            password = newPassword(ctx);
        } else {
            String[] words = args.split("\\s+");
            if (words.length != 2) {
                ctx.print("! /password takes no argument (it asks), or the old and the new password");
                return;
            }
            old = words[0];
            password = words[1];
        }
        if (password == null) {
            return;
        }
        Message reply = ctx.client().call(Message.of("PASSWORD").put("old", old).put("password", password), WAIT);
        ctx.print("OK".equals(reply.type()) ? "password changed" : "! " + reply.text("reason"));
    }

    private static void reset(String args, ClientContext ctx) {
        if (args.isEmpty()) {
            ctx.print("! /reset-password needs the pseudo whose password to reset");
            return;
        }
        Message reply = ctx.client().call(Message.of("RESET_PASSWORD").put("pseudo", args), WAIT);
        if ("RESET_PASSWORD".equals(reply.type())) {
            ctx.print("temporary password of " + reply.text("pseudo") + ": " + reply.text("password")
                    + " (until " + reply.text("expires") + "; they log in with it, then choose their own with /password)");
        } else {
            ctx.print("! " + reply.text("reason"));
        }
    }

    /** Asks twice for a new password; {@code null} (with a line saying why) when the answers differ. */
    private static String newPassword(ClientContext ctx) {
        String password = ask(ctx, "new password: ");
        if (password == null) {
            return null;
        }
        String again = ask(ctx, "new password again: ");
        if (!password.equals(again)) {
            ctx.print("! the two passwords differ: nothing changed");
            return null;
        }
        return password;
    }

    private static String ask(ClientContext ctx, String prompt) {
        String answer = ctx.askSecret(prompt);
        if (answer == null) {
            ctx.print("! this client cannot ask for a password here (no terminal): give it as an argument");
        }
        return answer;
    }
}
