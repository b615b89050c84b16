package parley.moderation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Session;

/**
 * The operators' actions, one log line each, on the {@code parley.audit} logger, so that they can be
 * sent to a file of their own (a Logback appender for that logger): who (pseudo, session, address), what,
 * on whom, where, for how long and why.
 */
final class Audit {

    /** The logger's name. */
    static final String LOGGER = "parley.audit";
    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    /** Logs that {@code by} did {@code action} (e.g. {@code KICK room1 bob: spam}). */
    void log(Session by, String action) {
        LOG.info("{} (session {}, {}) {}", by.pseudo(), by.id(), Target.address(by), Text.shown(action));
    }
}
