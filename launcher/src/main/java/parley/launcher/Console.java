package parley.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Status;

import parley.api.Config;
import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.spi.ClientContext;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * The interactive client's terminal (JLine): a prompt with history and completion, incoming lines
 * printed above the line being typed, and the slash commands of the core and of the plugins.
 */
final class Console implements ClientContext, AutoCloseable {

    private static final long STATUS_EVERY_NANOS = 5_000_000_000L;

    private final Terminal terminal;
    private final LineReader reader;
    private final Object printLock = new Object();
    private volatile ParleyClient client;
    private volatile String pseudo;
    private volatile String currentRoom;
    private volatile String lastStatus;
    private volatile long lastStatusAt = System.nanoTime() - STATUS_EVERY_NANOS;
    private volatile boolean quitting;
    private List<ClientExtension> extensions = List.of();
    private List<String> plugins = List.of();
    private final Map<String, SlashCommand> commands = new LinkedHashMap<>();

    private final Config config;

    private Console(Terminal terminal, LineReader reader, Config config) {
        this.terminal = terminal;
        this.reader = reader;
        this.config = config;
    }

    static Console open(Config config) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("parley")
                .variable(LineReader.HISTORY_FILE, historyFile())
                .build();
        return new Console(terminal, reader, config);
    }

    /** Asks one question; {@code null} at end of input. */
    String ask(String prompt) {
        try {
            String answer = reader.readLine(prompt).strip();
            return answer.isEmpty() ? ask(prompt) : answer;
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /** Logs in, then reads and runs lines until /quit, end of input or the connection closes. */
    int run(ParleyClient client, String name, String room, List<ClientExtension> extensions, List<String> plugins) {
        this.client = client;
        this.plugins = List.copyOf(plugins);
        this.extensions = List.copyOf(extensions);
        core().forEach(c -> commands.put(c.name(), c));
        for (ClientExtension extension : extensions) {
            extension.commands().forEach(c -> commands.putIfAbsent(c.name(), c));
        }
        client.onPush(this::onPush);
        client.closed().thenAccept(reason -> {
            if (!quitting) {
                print("connection closed: " + reason);
                try {
                    terminal.close(); // puts the terminal back as it was
                } catch (IOException e) {
                    // exiting anyway
                }
                System.exit(2);
            }
        });
        String me = name;
        while (true) {
            try {
                List<String> rooms = client.login(me);
                print("logged in as " + me + " to " + client.localAddress().getHostString()
                        + "; rooms: " + String.join(", ", rooms));
                break;
            } catch (RefusedException e) {
                print("! " + e.reason());
                me = ask("pseudo: ");
                if (me == null) {
                    return 1;
                }
            }
        }
        this.pseudo = me;
        ((org.jline.reader.impl.LineReaderImpl) reader).setCompleter(new StringsCompleter(
                commands.keySet().stream().map(c -> "/" + c).toList()));
        for (ClientExtension extension : extensions) {
            guard(() -> extension.onLogin(this));
        }
        if (room != null) {
            runLine("/join " + room);
        }
        while (true) {
            String line;
            try {
                line = reader.readLine(prompt());
            } catch (UserInterruptException | EndOfFileException e) {
                quit("");
                return 0;
            }
            if (!runLine(line.strip())) {
                return 0;
            }
        }
    }

    /** Runs one line; false when the user quit. */
    private boolean runLine(String line) {
        if (line.isEmpty()) {
            return true;
        }
        if (line.startsWith("/")) {
            int space = line.indexOf(' ');
            String name = space < 0 ? line.substring(1) : line.substring(1, space);
            String args = space < 0 ? "" : line.substring(space + 1).strip();
            SlashCommand command = commands.get(name);
            if (command == null) {
                print("! unknown command /" + name + ": type /help");
                return true;
            }
            guard(() -> command.handler().run(args, this));
            return !quitting;
        }
        for (ClientExtension extension : extensions) {
            boolean[] handled = {false};
            guard(() -> handled[0] = extension.onText(line, this));
            if (handled[0]) {
                return true;
            }
        }
        print("! plain text goes to a room, but no plugin handles rooms");
        return true;
    }

    private void onPush(Message push) {
        for (ClientExtension extension : extensions) {
            try {
                if (extension.onPush(push, this)) {
                    return;
                }
            } catch (RuntimeException e) {
                print("! " + e.getMessage());
            }
        }
        switch (push.type()) {
            case Verbs.SHUTDOWN -> print("server: " + push.text("reason"));
            case Verbs.ERROR -> print("! error: " + push.text("reason"));
            case Verbs.KO -> print("! refused: " + push.text("reason"));
            default -> print("< " + push);
        }
    }

    private List<SlashCommand> core() {
        return List.of(
                new SlashCommand("help", "", "list the commands", (args, ctx) -> help()),
                new SlashCommand("plugins", "", "list this client's plugins and the server's", (args, ctx) -> plugins()),
                new SlashCommand("quit", "", "log out and leave", (args, ctx) -> quit(args)));
    }

    private void plugins() {
        print("client plugins: " + String.join(", ", plugins));
        Message reply = client.call(Message.of("PLUGINS"), java.time.Duration.ofSeconds(30));
        print("server plugins:");
        reply.texts("lines").forEach(line -> print("  " + line));
    }

    private void help() {
        List<String> lines = new ArrayList<>();
        lines.add("commands (plain text goes to the current room):");
        commands.values().forEach(c -> lines.add(String.format("  /%-8s %-10s %s", c.name(), c.usage(), c.help())));
        lines.forEach(this::print);
    }

    private void quit(String args) {
        quitting = true;
        try {
            client.logout();
        } catch (RuntimeException e) {
            // the connection may already be gone; leaving anyway
        }
        print("bye");
    }

    private void guard(ThrowingRunnable action) {
        try {
            action.run();
        } catch (RefusedException e) {
            print("! " + e.reason());
        } catch (Exception e) {
            print("! " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private String prompt() {
        String room = currentRoom;
        return room == null ? "> " : room + "> ";
    }

    // --- ClientContext

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
        return pseudo;
    }

    @Override
    public String currentRoom() {
        return currentRoom;
    }

    @Override
    public void setCurrentRoom(String room) {
        this.currentRoom = room;
    }

    @Override
    public void print(String line) {
        synchronized (printLock) {
            if (reader.isReading()) {
                reader.printAbove(line);
            } else {
                terminal.writer().println(line);
                terminal.flush();
            }
        }
    }

    @Override
    public void status(String line) {
        synchronized (printLock) {
            if (dumb()) {
                // no status bar on a dumb terminal: print a changed status, at most every few seconds
                long now = System.nanoTime();
                if (line != null && !line.equals(lastStatus) && now - lastStatusAt > STATUS_EVERY_NANOS) {
                    lastStatus = line;
                    lastStatusAt = now;
                    print(line);
                }
                return;
            }
            Status bar = Status.getStatus(terminal);
            bar.update(line == null ? List.of() : List.of(new AttributedString(line)));
        }
    }

    private boolean dumb() {
        return terminal.getType().startsWith(Terminal.TYPE_DUMB);
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    private static Path historyFile() {
        return Path.of(System.getProperty("user.home"), ".parley", "history");
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
