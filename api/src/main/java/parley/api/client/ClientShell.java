package parley.api.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import parley.api.Config;
import parley.api.Message;
import parley.api.Verbs;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * The interactive client without its terminal: it runs typed lines (slash commands, its own and the
 * extensions', and plain text through the extensions' {@code onText}), offers every push to the
 * extensions in order, and shows what none of them handled. A subclass says where lines go
 * ({@link #print}, {@link #status}): {@code parley client}'s console is one, {@link RecordingShell}
 * (tests, bots) another.
 *
 * <p>Thread-safe: typed lines run on the caller's thread, pushes arrive on the connection's reader
 * thread. A command or extension that throws is shown as an {@code ! error} line; the shell goes on.
 */
@SuppressWarnings("this-escape") // pushes may reach the shell as soon as it exists
public abstract class ClientShell implements ClientContext {

    private volatile ParleyClient client;
    private final Config config;
    private final List<ClientExtension> extensions;
    private final Map<String, SlashCommand> commands = new LinkedHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> shared = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param own commands of the shell itself (such as /help and /quit); they win over an extension's
     *            command of the same name, as does the first of two extensions
     */
    protected ClientShell(ParleyClient client, Config config, List<ClientExtension> extensions, List<SlashCommand> own) {
        this.client = client;
        this.config = config;
        this.extensions = List.copyOf(extensions);
        own.forEach(c -> commands.put(c.name(), c));
        for (ClientExtension extension : extensions) {
            extension.commands().forEach(c -> commands.putIfAbsent(c.name(), c));
        }
        client.onPush(this::push);
    }

    /** Tells the extensions that the client logged in (call once, after LOGIN). */
    public void loggedIn() {
        for (ClientExtension extension : extensions) {
            guard(() -> extension.onLogin(this));
        }
    }

    /**
     * Puts a new connection in the place of one that dropped, and tells the extensions, before it logs
     * in again ({@link ClientExtension#onReconnecting}): from now on {@link #client()} is the new one, and
     * its pushes reach this shell.
     */
    public void reconnecting(ParleyClient next) {
        this.client = next;
        next.onPush(this::push);
        for (ClientExtension extension : extensions) {
            guard(() -> extension.onReconnecting(this));
        }
    }

    /** Tells the extensions that the new connection logged in again, with its answer (call once per reconnection). */
    public void reconnected(Message answer) {
        for (ClientExtension extension : extensions) {
            guard(() -> extension.onReconnect(this, answer));
        }
    }

    /** Tells the extensions the user is quitting, so each can say its last word (call once). */
    public void leaving() {
        for (ClientExtension extension : extensions) {
            guard(() -> extension.onQuit(this));
        }
    }

    /** Runs one typed line: a {@code /command args}, or plain text. */
    public void run(String typed) {
        String line = typed.strip();
        if (line.isEmpty()) {
            return;
        }
        if (line.startsWith("/")) {
            int space = line.indexOf(' ');
            String name = space < 0 ? line.substring(1) : line.substring(1, space);
            String args = space < 0 ? "" : line.substring(space + 1).strip();
            SlashCommand command = commands.get(name);
            if (command == null) {
                print("! unknown command /" + name + ": type /help");
                return;
            }
            guard(() -> command.handler().run(args, this));
            return;
        }
        for (ClientExtension extension : extensions) {
            boolean[] handled = {false};
            guard(() -> handled[0] = extension.onText(line, this));
            if (handled[0]) {
                return;
            }
        }
        print("! no plugin takes plain text here (the rooms plugin sends it to your current room)");
    }

    /** The prompt's text from the first extension that gives one, or {@code null}. */
    public String prompt() {
        for (ClientExtension extension : extensions) {
            try {
                String prompt = extension.prompt(this);
                if (prompt != null) {
                    return prompt;
                }
            } catch (RuntimeException e) {
                // a prompt is not worth an error line; the next extension may answer
            }
        }
        return null;
    }

    /** Every command, the shell's own first, for help and completion. */
    public Map<String, SlashCommand> commands() {
        return Collections.unmodifiableMap(commands);
    }

    /** Help lines: one per command, with its usage. */
    public List<String> help() {
        List<String> lines = new ArrayList<>();
        lines.add("commands (plain text goes to the plugins: with rooms, to your current room):");
        commands.values().forEach(c -> lines.add(String.format("  /%-8s %-10s %s", c.name(), c.usage(), c.help())));
        return lines;
    }

    /** Offers a push to the extensions, in order, until one handles it; otherwise {@link #unhandled}. */
    protected void push(Message push) {
        for (ClientExtension extension : extensions) {
            try {
                if (extension.onPush(push, this)) {
                    return;
                }
            } catch (RuntimeException e) {
                print("! " + e.getMessage());
            }
        }
        unhandled(push);
    }

    /** Shows a push no extension took. */
    protected void unhandled(Message push) {
        switch (push.type()) {
            case Verbs.SHUTDOWN -> print("server: " + push.text("reason"));
            case Verbs.ERROR -> print("! error: " + push.text("reason"));
            case Verbs.KO -> print("! refused: " + push.text("reason"));
            default -> print("< " + push);
        }
    }

    /** Runs an action, showing a failure as an error line. */
    protected void guard(Action action) {
        try {
            action.run();
        } catch (RefusedException e) {
            print("! " + e.reason());
        } catch (Exception e) {
            print("! " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    @Override
    public ParleyClient client() {
        return client;
    }

    @Override
    public Config config() {
        return config;
    }

    @Override
    public String pseudo() {
        return client.pseudo();
    }

    @Override
    public <T> T shared(Class<T> type, java.util.function.Supplier<? extends T> initial) {
        return type.cast(shared.computeIfAbsent(type, t -> initial.get()));
    }

    /** Something to run that may throw. */
    @FunctionalInterface
    protected interface Action {
        void run() throws Exception;
    }
}
