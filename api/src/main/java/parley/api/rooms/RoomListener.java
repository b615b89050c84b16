package parley.api.rooms;

import parley.api.Session;

/** Told when a session leaves a room. See {@link RoomDirectory#onLeave}. */
@FunctionalInterface
public interface RoomListener {

    /**
     * Called after the session was removed and the other members were told, on the thread that
     * made it leave. Must not block on other clients; an exception is logged.
     */
    void left(String room, Session session, String pseudo);
}
