package parley.launcher;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;

/** Adjusts Logback, which the launcher alone depends on. Logs go to stderr (see logback.xml). */
final class Logging {

    /** The levels {@code --log-level} takes. */
    static final List<String> LEVELS = List.of("error", "warn", "info", "debug", "trace");

    private Logging() {
    }

    /** For the interactive client: only warnings, so logs do not clobber the chat. */
    static void quiet() {
        level(Level.WARN);
    }

    static void level(Level level) {
        root().ifPresent(logback -> logback.setLevel(level));
    }

    /**
     * Sets the level named by {@code --log-level}.
     *
     * @throws IllegalArgumentException naming the value and the levels there are
     */
    static void level(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (!LEVELS.contains(lower)) {
            throw new IllegalArgumentException("unknown --log-level '" + name + "': use one of " + String.join(", ", LEVELS));
        }
        level(Level.toLevel(lower));
    }

    private static java.util.Optional<ch.qos.logback.classic.Logger> root() {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        return root instanceof ch.qos.logback.classic.Logger logback ? java.util.Optional.of(logback) : java.util.Optional.empty();
    }

    /**
     * Holds the log lines back from now until {@link Held#release}, which writes them: the server's
     * start-up report comes first, then what the plugins logged while starting.
     */
    static Held hold() {
        return root().map(Held::new).orElseGet(() -> new Held(null));
    }

    /** Log lines held back during start-up. */
    static final class Held {

        private final ch.qos.logback.classic.Logger root;
        private final Appender<ILoggingEvent> console;
        private final ListAppender<ILoggingEvent> buffer = new ListAppender<>();

        private Held(ch.qos.logback.classic.Logger root) {
            this.root = root;
            this.console = root == null ? null : root.getAppender("ERR");
            if (console != null) {
                buffer.setContext(root.getLoggerContext());
                buffer.setName("parley-startup");
                buffer.start();
                root.addAppender(buffer);
                root.detachAppender(console);
            }
        }

        /** Writes the held lines that {@code keep} accepts, and lets the next ones through. Idempotent. */
        synchronized void release(Predicate<ILoggingEvent> keep) {
            if (console == null || !buffer.isStarted()) {
                return;
            }
            root.addAppender(console);
            root.detachAppender(buffer);
            buffer.stop();
            for (ILoggingEvent event : List.copyOf(buffer.list)) {
                if (keep.test(event)) {
                    console.doAppend(event);
                }
            }
        }
    }
}
