package parley.api.spi;

import java.util.List;

import parley.api.ServerContext;
import parley.api.wire.LegacyShape;

/**
 * SPI: a plugin's server-side lifecycle, found with {@link java.util.ServiceLoader}. Optional: a
 * plugin made only of stateless {@link Command}s needs none.
 *
 * <p>{@link #start} runs once per server, before it accepts connections, in plugin order (the
 * order is documented in {@code docs/PLUGINS.md}). It is where a plugin builds its state, registers
 * services for others ({@link parley.api.Services#register}) and listens to sessions. If it throws,
 * the plugin is reported as failed with the exception's message and skipped: none of its commands
 * are registered, and the server goes on without it.
 *
 * <p>{@link #stop} runs once at shutdown, in reverse order, after clients were told; it must not block
 * for long. Exceptions from it are logged.
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
