package parley.api;

/**
 * A plugin's own value attached to each session, made with {@link ServerContext#sessionState}: a rate
 * bucket, a flag, a draft. The value is dropped when the session closes, and every session's value
 * of a plugin's states is dropped when that plugin unloads.
 *
 * <p>Thread-safe: the value is created at most once per session, on the first {@link #get}. The
 * value itself is yours to guard if several threads touch it.
 *
 * @param <T> the value's type
 */
public interface SessionState<T> {

    /** The session's value, made by the state's initial supplier on first use. */
    T get(Session session);

    /** The session's value, or {@code null} if none was made. */
    T peek(Session session);

    /** Drops the session's value; the next {@link #get} makes a new one. */
    void clear(Session session);
}
