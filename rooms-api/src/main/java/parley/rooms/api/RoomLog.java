package parley.rooms.api;

/**
 * Service: whoever keeps the rooms' events (the history plugin) tells the rooms where each room's ids
 * stand, so that ids continue after a restart instead of starting again at 1. Registered as
 * {@code RoomLog.class}; with none registered, each room's ids start at 1 when the server starts.
 *
 * <p><b>Threading.</b> The rooms plugin calls {@link #lastId} once per room, at the room's first event
 * after the server started, on the thread making that event (a reader thread), while the room's other
 * events wait for the answer. So it must answer from memory (read the store at the plugin's start), not
 * block. <b>Failure.</b> An exception is logged and the room numbers its events from 1, as with no log.
 */
@FunctionalInterface
public interface RoomLog {

    /** The id of the last event of {@code room} the log holds, or 0 when it holds none. */
    long lastId(String room);
}
