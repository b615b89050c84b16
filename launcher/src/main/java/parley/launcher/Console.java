package parley.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp.Capability;
import org.jline.utils.Status;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ClientShell;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * The interactive client's terminal (JLine): a prompt with history and completion, incoming lines
 * printed above the line being typed, a status bar, and a {@link ClientShell} that runs the lines.
 */
final class Console implements AutoCloseable {

    private static final long STATUS_EVERY_NANOS = 5_000_000_000L;

    private final Terminal terminal;
    private final LineReader reader;
    private final Config config;
    private final Object printLock = new Object();
    private volatile String lastStatus;
    private volatile long lastStatusAt = System.nanoTime() - STATUS_EVERY_NANOS;
    private volatile boolean quitting;

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

    /**
     * Asks for a secret without echo (JLine's null mask: nothing is drawn, and the line is kept out of the
     * history); {@code null} at end of input.
     */
    String askSecret(String prompt) {
        try {
            return reader.readLine(prompt, LineReaderImpl.NULL_MASK);
        } catch (UserInterruptException | EndOfFileException e) {
            return null;
        }
    }

    /**
     * Logs in, then reads and runs lines until /quit, end of input or the connection closes. A LOGIN
     * refused with a reason that starts with {@code "password "} (the accounts plugin: the pseudo is
     * registered, or the server requires an account) asks for the password, without echo.
     *
     * @param password the password to log in with first (from {@code --password-file}), or {@code null}
     */
    int run(ParleyClient client, String name, String password, String room, List<ClientExtension> extensions,
            List<String> plugins) {
        Shell shell = new Shell(client, extensions, plugins);
        client.closed().thenAccept(reason -> {
            if (!quitting) {
                print("connection closed: " + reason);
                endLine();
                try {
                    terminal.close(); // puts the terminal back as it was
                } catch (IOException e) {
                    // exiting anyway
                }
                System.exit(1);
            }
        });
        String me = name;
        String secret = password;
        while (true) {
            try {
                Message answer = client.login(me, secret);
                print("logged in as " + me + " to " + client.remoteAddress().getHostString());
                if (answer.text("notice") != null) {
                    print(answer.text("notice"));
                }
                break;
            } catch (RefusedException e) {
                print("! " + e.reason());
                String reason = e.reason() == null ? "" : e.reason();
                if (reason.startsWith("password ") || reason.startsWith("too many failed logins")) {
                    secret = askSecret("password for " + me + ": ");
                    if (secret == null) {
                        return 1;
                    }
                } else {
                    me = ask("pseudo: ");
                    secret = null;
                    if (me == null) {
                        return 1;
                    }
                }
            }
        }
        ((LineReaderImpl) reader).setCompleter(new StringsCompleter(
                shell.commands().keySet().stream().map(c -> "/" + c).toList()));
        shell.loggedIn();
        if (room != null) {
            shell.run("/join " + room);
        }
        while (!quitting) {
            String line;
            try {
                String prompt = shell.prompt();
                line = reader.readLine(prompt == null ? "> " : prompt + "> ");
            } catch (UserInterruptException | EndOfFileException e) {
                shell.quit();
                return 0;
            }
            shell.run(line);
        }
        return 0;
    }

    /** Prints a line above the prompt; control characters in it are shown escaped ({@link TerminalText}). */
    void print(String text) {
        String line = TerminalText.escape(text);
        synchronized (printLock) {
            if (reader.isReading()) {
                reader.printAbove(line);
            } else {
                terminal.writer().println(line);
                terminal.flush();
            }
        }
    }

    /**
     * Before exiting while a line is being read: the prompt was drawn again under the last line, so
     * erase it, or at least end its line, so that the shell's prompt starts on a line of its own.
     */
    private void endLine() {
        synchronized (printLock) {
            if (reader.isReading()) {
                boolean erased = terminal.puts(Capability.carriage_return) && terminal.puts(Capability.clr_eol);
                if (!erased) {
                    terminal.writer().println();
                }
                terminal.flush();
            }
        }
    }

    void status(String line) {
        synchronized (printLock) {
            if (terminal.getType().startsWith(Terminal.TYPE_DUMB)) {
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
            bar.update(line == null ? List.of() : List.of(new AttributedString(TerminalText.escape(line))));
        }
    }

    @Override
    public void close() throws IOException {
        terminal.close();
    }

    private static Path historyFile() {
        return Path.of(System.getProperty("user.home"), ".parley", "history");
    }

    /** The shell of this console: its own commands, and lines printed through the terminal. */
    private final class Shell extends ClientShell {

        private final List<String> plugins;

        Shell(ParleyClient client, List<ClientExtension> extensions, List<String> plugins) {
            super(client, config, extensions, List.of(
                    new SlashCommand("help", "", "list the commands", (args, ctx) -> ((Shell) ctx).help().forEach(ctx::print)),
                    new SlashCommand("plugins", "", "list this client's plugins and the server's",
                            (args, ctx) -> ((Shell) ctx).plugins()),
                    new SlashCommand("quit", "", "log out and leave", (args, ctx) -> ((Shell) ctx).quit())));
            this.plugins = List.copyOf(plugins);
        }

        private void plugins() {
            print("client plugins: " + String.join(", ", plugins));
            Message reply = client().call(Message.of("PLUGINS"), Duration.ofSeconds(30));
            print("server plugins:");
            reply.texts("lines").forEach(line -> print("  " + line));
        }

        void quit() {
            quitting = true;
            leaving(); // the extensions say goodbye (the rooms plugin logs out with BYE)
            client().close();
            print("bye");
        }

        @Override
        public void print(String line) {
            Console.this.print(line);
        }

        @Override
        public void status(String line) {
            Console.this.status(line);
        }

        @Override
        public String askSecret(String prompt) {
            return Console.this.askSecret(prompt);
        }
    }
}
