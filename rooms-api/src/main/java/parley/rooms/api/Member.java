package parley.rooms.api;

import java.util.Objects;

import parley.api.Session;

/**
 * One member of a room: a pseudo, and where it is connected. Here that is a session of this server;
 * a cluster plugin's {@link RoomDelivery} may hand out sessions that stand for a connection on another
 * node.
 *
 * @param pseudo  the member's pseudo
 * @param session where messages to the member go
 */
public record Member(String pseudo, Session session) {

    public Member {
        Objects.requireNonNull(pseudo, "pseudo");
        Objects.requireNonNull(session, "session");
    }
}
