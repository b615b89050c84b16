package parley.api;

import java.util.Optional;

/**
 * A small registry through which plugins offer services to each other.
 *
 * <p>Plugins never require each other's modules. A service's interface lives in the kernel (for
 * example {@link parley.api.rooms.RoomDirectory}); the plugin that implements it registers it in
 * {@link parley.api.spi.ServerFeature#start}, and others look it up when they need it. Registration
 * happens before the server accepts connections; lookups are thread-safe at any time.
 */
public interface Services {

    /**
     * Registers the one implementation of {@code type}.
     *
     * @throws IllegalStateException if one is already registered; the message names both classes
     */
    <T> void register(Class<T> type, T service);

    <T> Optional<T> find(Class<T> type);

    /**
     * The registered implementation.
     *
     * @throws IllegalStateException naming the missing service and the fix
     */
    default <T> T require(Class<T> type) {
        return find(type).orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName()
                + " service is registered: install the plugin that provides it (see ./parley plugins)"));
    }
}
