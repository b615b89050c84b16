package parley.api;

/**
 * A listener or service registered with something that outlives the caller; cancel it when the
 * caller stops, so that an unloaded plugin leaves nothing behind (see {@code docs/PLUGINS.md}).
 */
@FunctionalInterface
public interface Registration {

    /** Removes the registration. Idempotent. */
    void cancel();
}
