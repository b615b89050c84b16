package parley.api.rooms;

import java.util.List;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.Registration;
import parley.api.Session;

/**
 * Service: the rooms and who is in them. Provided by the rooms plugin and found through
 * {@link parley.api.Services}; other plugins (vote, files) use it to check membership and to push
 * to a room.
 *
 * <p>Thread-safe. Broadcasts to one room are delivered to every member in one order, the same for
 * all members: the order in which the broadcasts were made.
 */
public interface RoomDirectory {

    /** The configured rooms, in order. */
    List<String> rooms();

    boolean exists(String room);

    boolean isMember(String room, Session session);

    /** The room's members, in the order they joined. A snapshot. */
    List<Session> members(String room);

    /** The rooms the session is in, in the order it joined them. A snapshot. */
    List<String> roomsOf(Session session);

    /**
     * Sends a message to every member but {@code except} (which may be {@code null}). The message is
     * encoded once per wire form.
     */
    void broadcast(String room, Message message, Session except);

    /** As {@link #broadcast(String, Message, Session)}, with an already-wrapped message. */
    void broadcast(String room, Outbound message, Session except);

    /**
     * Adds a listener told whenever a session leaves a room (BYE, logout or disconnect). A plugin
     * cancels the registration in its {@code stop()}, so that it can be unloaded cleanly.
     */
    Registration onLeave(RoomListener listener);
}
