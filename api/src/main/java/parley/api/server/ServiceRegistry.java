package parley.api.server;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.Services;

/** The kernel's {@link Services}: one implementation per interface. */
final class ServiceRegistry implements Services {

    private final ConcurrentHashMap<Class<?>, Object> services = new ConcurrentHashMap<>();

    @Override
    public <T> void register(Class<T> type, T service) {
        Object previous = services.putIfAbsent(type, type.cast(service));
        if (previous != null) {
            throw new IllegalStateException("a " + type.getSimpleName() + " service is already registered by "
                    + previous.getClass().getName() + " (module " + previous.getClass().getModule().getName()
                    + "); " + service.getClass().getName() + " cannot register another");
        }
    }

    /** Removes the service if it is still this instance. */
    void unregister(Class<?> type, Object service) {
        services.remove(type, service);
    }

    @Override
    public <T> Optional<T> find(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }
}
