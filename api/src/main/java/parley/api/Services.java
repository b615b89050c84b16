package parley.api;

import java.util.Optional;

/**
 * A small registry through which plugins offer services to each other.
 *
 * <p>A service's interface lives in an API module that both plugins compile against: the rooms
 * plugin's {@code parley.rooms.api.RoomDirectory} is one. The plugin that implements it registers it in
 * {@link parley.api.spi.ServerFeature#start}; the others look it up when they need it. A plugin's own
 * state is not a service: give it to its commands by construction ({@link ServerContext#register}).
 * Lookups are thread-safe at any time; a registration is taken back when its plugin unloads.
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
