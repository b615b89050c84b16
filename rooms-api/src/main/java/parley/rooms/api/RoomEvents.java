package parley.rooms.api;

import parley.api.Message;
import parley.api.Outbound;

/**
 * Told what happens in the rooms, after it happened: who joined, who left, and every message the room
 * delivered, with its place in the room's order: its {@code id}. A room's ids increase by one with no
 * gaps, counting joins and leaves; they continue after a restart when a {@link RoomLog} is registered. For a history, a log, moderation. Added with
 * {@link RoomDirectory#listen}; every method has an empty default.
 *
 * <p><b>Threading.</b> Called under the room's lock, on the thread that made the change (a reader
 * thread), so that every listener sees one room's events in the room's one order. So a listener must
 * be quick and must not block, log or do I/O: copy what it needs and hand it to a thread of its own.
 * <b>Failure.</b> A listener that throws is logged once the lock is released; the room goes on.
 */
public interface RoomEvents {

    /** {@code member} joined {@code room}; {@code order} is the JOINED push's id. */
    default void joined(String room, Member member, long order) {
    }

    /** {@code member} left {@code room} ({@code reason}: BYE, a logout, a drop; may be null). */
    default void left(String room, Member member, String reason, long order) {
    }

    /**
     * {@code before}, a member whose connection dropped, came back as {@code after} (same pseudo, a new
     * session) by resuming within the kernel's {@code resume-window}: it stayed a member all along, and
     * nobody was told it left or joined. No push, no id. Move anything kept by session.
     */
    default void resumed(String room, Member before, Member after) {
    }

    /**
     * The room delivered {@code message} (a MSG, or any plugin's broadcast) to its members, as JSON
     * sessions got it (with {@code id} and {@code time}); {@code order} is its id.
     */
    default void delivered(String room, Message message, long order) {
    }

    /**
     * The room pushed {@code message} to its members: every push, JOINED and LEFT included, as its
     * members got it; JSON sessions' form ({@link Outbound#message()}, already encoded:
     * {@code payload(PayloadForm.JSON)}) carries its {@code id} (also given as {@code id}) and its server
     * {@code time}. Called after {@link #joined}, {@link #left} or {@link #delivered} for the same event,
     * and before any member's session is handed the push: so a history that queues it here can answer a
     * later {@code HISTORY} with everything its asker was delivered. What a history keeps: take the bytes
     * off the lock, never encode here.
     */
    default void pushed(String room, Outbound message, long id) {
    }

    /**
     * {@code member}'s JOIN_ROOM of {@code room} was answered OK: the place for a greeting only the new
     * member sees (a topic), which then reaches it after its OK. Not called for a JOIN_ROOM of a room
     * the session was already in.
     *
     * <p><b>Threading.</b> Unlike the other events, called on the joiner's reader thread after the OK was
     * queued, outside every room's lock: a listener may send to the member. It must not block on other
     * clients. <b>Failure.</b> A listener that throws is logged; the join stands.
     */
    default void welcomed(String room, Member member) {
    }
}
