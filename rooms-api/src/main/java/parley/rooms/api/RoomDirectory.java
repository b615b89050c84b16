package parley.rooms.api;

import java.util.List;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.Registration;
import parley.api.Session;

/**
 * Service: the rooms and who is in them. Provided by the rooms plugin, registered as
 * {@code RoomDirectory.class} in the kernel's services; other plugins (vote, files) use it to check
 * membership and to push to a room.
 *
 * <p>Thread-safe. Everything a room sends, joins and leaves included, reaches every member in one
 * order, the same for all: the order in which it happened.
 */
public interface RoomDirectory {

    /** The rooms, in order. */
    List<String> rooms();

    boolean exists(String room);

    boolean isMember(String room, Session session);

    /** The room's members, in the order they joined. A snapshot. */
    List<Member> members(String room);

    /** The rooms the session is in, in the order it joined them. A snapshot. */
    List<String> roomsOf(Session session);

    /**
     * Sends a message to every member but {@code except} (which may be {@code null}), through the
     * room's {@link RoomDelivery}. The message is encoded once per payload form.
     *
     * @throws IllegalArgumentException for a room that does not exist
     */
    void broadcast(String room, Message message, Session except);

    /** As {@link #broadcast(String, Message, Session)}, with an already-wrapped message. */
    void broadcast(String room, Outbound message, Session except);

    /**
     * Makes {@code session} leave {@code room} as if it had left by itself, for moderation (a kick, a
     * ban): the other members get LEFT with {@code reason}, in the room's order, and {@link RoomEvents}
     * listeners learn of it. Thread-safe; called on any thread but never under a room's lock (not from a
     * {@link RoomEvents} listener).
     *
     * @param reason why, shown to the others (e.g. {@code "kicked by alice: spam"}); may be null
     * @return false when the session was not in the room
     * @throws IllegalArgumentException for a room that does not exist
     * @throws UnsupportedOperationException from a directory that cannot remove members (the default)
     */
    default boolean remove(String room, Session session, String reason) {
        throw new UnsupportedOperationException("this room directory cannot remove members");
    }

    /**
     * Adds a listener of every room's events. A plugin cancels the registration in its {@code stop()},
     * so that it can be unloaded cleanly.
     */
    Registration listen(RoomEvents listener);
}
