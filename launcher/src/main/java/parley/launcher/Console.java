package parley.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
import parley.api.client.ChatLine;
import parley.api.client.ClientShell;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.spi.ClientExtension;
import parley.api.spi.SlashCommand;

/**
 * The interactive client's terminal (JLine): a prompt with history and completion, incoming lines
 * printed above the line being typed (chat lines with their local time and coloured pseudos, through
 * {@link ChatRenderer}), a status bar, and a {@link ClientShell} that runs the lines.
 *
 * <p>When the connection drops (not on /quit), it reconnects by itself: a "reconnecting…" status, tries
 * with exponential backoff and jitter ({@link Backoff}), the line being typed left as it is; then it
 * resumes with the last LOGIN answer's token, or logs in plainly when the server forgot it (a restart),
 * and the extensions catch up. /quit and Ctrl-C still leave at once.
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
    private final ChatRenderer renderer;
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    /** The password the first LOGIN succeeded with, for logging in again when a resume is refused. */
    private volatile String loginSecret;
    private volatile Shell shell;

    /** Opens a new connection to the same server, for reconnecting. */
    @FunctionalInterface
    interface Connector {
        ParleyClient open() throws IOException;
    }

    private Console(Terminal terminal, LineReader reader, Config config, boolean colours) {
        this.terminal = terminal;
        this.reader = reader;
        this.config = config;
        this.renderer = new ChatRenderer(ZoneId.systemDefault(), colours);
    }

    /** @param colour {@code auto}, {@code always} or {@code never} (see {@link ChatRenderer#colours}) */
    static Console open(Config config, String colour) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("parley")
                .variable(LineReader.HISTORY_FILE, historyFile())
                .build();
        Integer max = terminal.getNumericCapability(Capability.max_colors);
        boolean hasColours = !terminal.getType().startsWith(Terminal.TYPE_DUMB) && max != null && max >= 8;
        return new Console(terminal, reader, config, ChatRenderer.colours(colour, System.getenv("NO_COLOR"), hasColours));
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
     * Logs in, then reads and runs lines until /quit or end of input. A LOGIN refused with a reason that
     * starts with {@code "password "} (the accounts plugin: the pseudo is registered, or the server
     * requires an account) asks for the password, without echo. A dropped connection is reconnected
     * through {@code connector} for up to {@code reconnectFor} (zero: the client exits with 1 at once,
     * as when that time has passed); when it cannot resume, it logs in again with the same password.
     *
     * @param password the password to log in with first (from {@code --password-file}), or {@code null}
     */
    int run(ParleyClient client, Connector connector, Duration reconnectFor, String name, String password, String room,
            List<ClientExtension> extensions, List<String> plugins) {
        Shell shell = new Shell(client, extensions, plugins);
        this.shell = shell;
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
        this.loginSecret = secret;
        ((LineReaderImpl) reader).setCompleter(new StringsCompleter(
                shell.commands().keySet().stream().map(c -> "/" + c).toList()));
        watch(client, connector, reconnectFor);
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
            if (reconnecting.get() && !line.strip().equals("/quit")) {
                print("! not sent: reconnecting… (press the up arrow to get your line back once connected; /quit to leave)");
                continue;
            }
            shell.run(line);
        }
        return 0;
    }

    /** When {@code client} drops (not on /quit), reconnects on a thread of its own. */
    private void watch(ParleyClient client, Connector connector, Duration reconnectFor) {
        client.closed().thenAccept(reason -> {
            if (quitting) {
                return;
            }
            if (reconnectFor.isZero() || reconnectFor.isNegative()) {
                giveUp("connection closed: " + reason);
            }
            if (reconnecting.compareAndSet(false, true)) {
                Thread.ofVirtual().name("parley-reconnect").start(() -> reconnect(client, reason, connector, reconnectFor));
            }
        });
    }

    /**
     * Tries again and again, with backoff and jitter, until a new connection logs in (resuming when the
     * server still has this client, else plainly), then lets the extensions catch up. Gives up after
     * {@code reconnectFor}.
     */
    private void reconnect(ParleyClient dropped, String reason, Connector connector, Duration reconnectFor) {
        String me = dropped.pseudo();
        String token = dropped.resumeToken();
        print("disconnected (" + reason + "); reconnecting… (/quit to leave)");
        long deadline = System.nanoTime() + reconnectFor.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(15));
        String problem = reason;
        for (int attempt = 1; !quitting; attempt++) {
            Duration wait = backoff.next();
            status("reconnecting… (try " + attempt + " in " + Math.max(1, wait.toSeconds()) + " s; last: " + problem + ")");
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                return;
            }
            if (quitting) {
                return;
            }
            if (System.nanoTime() > deadline) {
                giveUp("connection closed: " + reason + "; no way back within " + ClientCommand.RECONNECT_FOR.format(reconnectFor)
                        + " (last try: " + problem + ")");
            }
            ParleyClient next;
            try {
                next = connector.open();
            } catch (IOException e) {
                problem = e.getMessage();
                continue;
            }
            shell.reconnecting(next);
            Message answer = null;
            try {
                if (token != null) {
                    try {
                        answer = next.resume(me, token);
                    } catch (RefusedException e) {
                        problem = e.reason();
                    }
                }
                if (answer == null) {
                    answer = next.login(me, loginSecret);
                }
            } catch (RuntimeException e) {
                problem = e instanceof RefusedException r ? r.reason() : e.getMessage();
                next.close();
                continue;
            }
            boolean resumed = answer.has("resumed");
            status(null);
            print(resumed ? "reconnected: back where you were" : "reconnected: logged in again as " + me);
            reconnecting.set(false);
            watch(next, connector, reconnectFor);
            shell.reconnected(answer);
            return;
        }
    }

    /** Says why, puts the terminal back, and exits with 1. */
    private void giveUp(String why) {
        print(why);
        endLine();
        try {
            terminal.close(); // puts the terminal back as it was
        } catch (IOException e) {
            // exiting anyway
        }
        System.exit(1);
    }

    /** Shows a chat line: its date first when it changed, the local time, the pseudo coloured. */
    void show(ChatLine line) {
        for (AttributedString text : renderer.render(line)) {
            synchronized (printLock) {
                if (reader.isReading()) {
                    reader.printAbove(text);
                } else {
                    terminal.writer().println(text.toAnsi(terminal));
                    terminal.flush();
                }
            }
        }
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

        @Override
        public void show(ChatLine line) {
            Console.this.show(line);
        }
    }
}
