package parley.api;

import java.util.List;

/**
 * A plugin's figures for {@code STATS} and for metrics (the rooms plugin: rooms and members), added
 * with {@link ServerContext#addFigures}.
 *
 * <p>Called on the thread that asks for the figures: a session's thread handling {@code STATS}, or a
 * metrics exporter's thread on each scrape; possibly on several at once, so it must be thread-safe. It
 * should read counters it already keeps and return at once: it must not block on I/O or locks held
 * long. If it throws, the kernel logs a warning naming the plugin and leaves its figures out of that
 * answer; the other figures are still given.
 */
@FunctionalInterface
public interface FigureSource {

    /** The figures now; each name should start with the plugin's own word (e.g. {@code rooms_}). */
    List<Figure> figures();
}
