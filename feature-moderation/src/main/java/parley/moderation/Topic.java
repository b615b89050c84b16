package parley.moderation;

import java.time.Instant;

/**
 * A room's topic.
 *
 * @param text the topic
 * @param by   who set it
 * @param at   when
 */
record Topic(String text, String by, Instant at) {
}
