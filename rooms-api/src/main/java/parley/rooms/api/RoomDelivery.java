package parley.rooms.api;

import java.util.List;

import parley.api.Outbound;
import parley.api.Session;

/**
 * The one step that hands a room's message to its members. The rooms plugin's own sends it to each
 * member's session; a cluster plugin registers another (as a service, {@code RoomDelivery.class})
 * that also reaches members on other nodes.
 *
 * <p><b>Threading.</b> Called under the room's lock, so that every member gets the room's messages in
 * one order: it must only queue (sessions' {@code send} never blocks), never wait. The message is
 * already encoded for the forms the room's members speak. <b>Failure.</b> An exception is logged after
 * the lock is released; members not reached yet miss that message.
 */
@FunctionalInterface
public interface RoomDelivery {

    /** Sends to each member the room holds, but {@code except} (may be {@code null}). */
    void deliver(String room, List<Member> members, Outbound message, Session except);

    /** The local delivery: each member's session, in order. */
    RoomDelivery LOCAL = (room, members, message, except) -> {
        for (Member member : members) {
            if (member.session() != except) {
                member.session().send(message);
            }
        }
    };
}
