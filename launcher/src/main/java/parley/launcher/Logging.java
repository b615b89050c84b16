package parley.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;

/** Adjusts Logback, which the launcher alone depends on. Logs go to stderr (see logback.xml). */
final class Logging {

    private Logging() {
    }

    /** For the interactive client: only warnings, so logs do not clobber the chat. */
    static void quiet() {
        level(Level.WARN);
    }

    static void level(Level level) {
        Logger root = LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        if (root instanceof ch.qos.logback.classic.Logger logback) {
            logback.setLevel(level);
        }
    }
}
