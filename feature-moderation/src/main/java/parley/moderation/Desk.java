package parley.moderation;

import java.util.List;
import java.util.Optional;

import parley.api.Message;
import parley.api.Names;
import parley.api.Session;
import parley.api.Sessions;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDirectory;

/**
 * What the moderation commands share: the decisions ({@link Moderation}), the rooms, the sessions and
 * the audit log; and the lookups they all make. Thread-safe.
 *
 * @param moderation what was decided
 * @param rooms      the rooms plugin's directory
 * @param sessions   the server's sessions
 * @param audit      the operators' log
 */
record Desk(Moderation moderation, RoomDirectory rooms, Sessions sessions, Audit audit) {

    /** The member of {@code room} with this pseudo (by normal form), if present. */
    Optional<Member> member(String room, String pseudo) {
        String key = Names.key(pseudo);
        return rooms.members(room).stream().filter(m -> Names.key(m.pseudo()).equals(key)).findFirst();
    }

    /** The logged-in session with this pseudo (by normal form), if any. */
    Optional<Session> online(String pseudo) {
        String key = Names.key(pseudo);
        return sessions.loggedIn().stream().filter(s -> s.pseudo() != null && Names.key(s.pseudo()).equals(key)).findFirst();
    }

    /** The logged-in sessions a ban's target covers. */
    List<Session> covered(Target target) {
        return sessions.loggedIn().stream().filter(target::matches).toList();
    }

    /** Pushes to a room, in its order. */
    void push(String room, Message message) {
        rooms.broadcast(room, message, null);
    }

    /** The KO reason for a room that does not exist. */
    String unknown(String room) {
        return "unknown room '" + Term.brief(room) + "': this server has " + String.join(", ", rooms.rooms());
    }
}
