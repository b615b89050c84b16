package parley.api.spi;

import java.util.List;

import parley.api.ServerContext;
import parley.api.wire.LegacyShape;

/**
 * SPI: a plugin's server-side lifecycle, found with {@link java.util.ServiceLoader}. Optional: a
 * plugin made only of stateless {@link Command}s needs none.
 *
 * <p>{@link #start} runs once per server when the plugin loads, in plugin order (the order is
 * documented in {@code docs/PLUGINS.md}): at server start, before it accepts connections, or later
 * while it runs, when {@code parley server --watch} loads the plugin; so sessions may already exist.
 * It runs on the thread that loads plugins. It is the plugin's composition root: it builds the
 * plugin's state and hands it to the commands and sequence actions it registers
 * ({@link ServerContext#register(Command)}), registers services for other plugins
 * ({@link parley.api.Services#register}), filters, authenticators and listeners. If it throws, the
 * plugin is reported as failed with the exception's message and skipped: what it registered is taken
 * back, none of its commands are answered, and the server goes on without it.
 *
 * <p>{@link #stop} runs once, in reverse order: at shutdown, after clients were told, or when the
 * plugin unloads. It must not block for long; exceptions from it are logged. What the plugin registered
 * through its {@link ServerContext} (timers included) is taken back by the kernel; what it registered
 * elsewhere (a listener on another plugin's service) {@code stop} must cancel.
 */
public interface ServerFeature {

    void start(ServerContext context) throws Exception;

    default void stop() {
    }

    /**
     * Legacy shapes of the push messages this plugin sends that are not also one of its verbs
     * (e.g. {@code JOINED "room" "pseudo"}). Types with no shape are written to legacy clients with
     * all their fields in order.
     */
    default List<LegacyShape> pushShapes() {
        return List.of();
    }
}
