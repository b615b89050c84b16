package parley.rooms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.Registration;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.Names;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDelivery;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomEvents;
import parley.rooms.api.RoomLog;
import parley.rooms.api.RoomVerbs;

/**
 * The rooms of one server, fixed at start from the {@code rooms} setting. Thread-safe; see {@link Room}
 * for the ordering guarantee. Delivery goes through the {@link RoomDelivery} service when a plugin
 * registered one (a cluster), else to the local sessions.
 */
final class Rooms implements RoomDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(Rooms.class);

    private final ServerContext server;
    private final Map<String, Room> rooms;
    private final CopyOnWriteArrayList<RoomEvents> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;
    /** Dropped sessions that may resume: the last id each of their rooms handed them. */
    private final Map<Session, Map<String, Long>> parked = new java.util.concurrent.ConcurrentHashMap<>();

    Rooms(ServerContext server, List<String> names) {
        this.server = server;
        Map<String, Room> byName = new LinkedHashMap<>();
        for (String name : names) {
            String problem = Names.problem(name);
            if (problem != null) {
                throw new IllegalArgumentException("setting 'rooms': bad room name '" + name + "': " + problem
                        + " (use 1-32 letters of one script, digits, '_', '-' or '.')");
            }
            byName.put(name, new Room(name, listeners, server::encodeOnce, () -> lastId(name), Clock.systemUTC()));
        }
        if (byName.isEmpty()) {
            throw new IllegalArgumentException("setting 'rooms': give at least one room, like rooms=room1,room2");
        }
        this.rooms = Collections.unmodifiableMap(byName);
    }

    @Override
    public List<String> rooms() {
        return List.copyOf(rooms.keySet());
    }

    @Override
    public boolean exists(String room) {
        return room != null && rooms.containsKey(room);
    }

    @Override
    public boolean isMember(String room, Session session) {
        Room r = room == null ? null : rooms.get(room);
        return r != null && r.contains(session);
    }

    @Override
    public List<Member> members(String room) {
        Room r = rooms.get(room);
        return r == null ? List.of() : r.members();
    }

    @Override
    public List<String> roomsOf(Session session) {
        List<String> out = new ArrayList<>();
        for (Room room : rooms.values()) {
            if (room.contains(session)) {
                out.add(room.name());
            }
        }
        return out;
    }

    @Override
    public void broadcast(String room, Message message, Session except) {
        broadcast(room, message, message, except);
    }

    @Override
    public void broadcast(String room, Outbound message, Session except) {
        broadcast(room, message.message(), message.lineMessage(), except);
    }

    /**
     * Sends {@code json} (stamped with its id and time) to JSON members, {@code line} to line members.
     *
     * @return the id and time the message got in its room
     * @throws IllegalArgumentException for a room that does not exist
     */
    Stamp broadcast(String room, Message json, Message line, Session except) {
        if (stopped) {
            throw new IllegalStateException("the rooms have stopped: the server is shutting down");
        }
        Room r = rooms.get(room);
        if (r == null) {
            throw new IllegalArgumentException("no room '" + room + "'");
        }
        List<RuntimeException> failures = new ArrayList<>(0);
        Stamp stamp = r.broadcast(json, line, except, delivery(), failures);
        report(failures, "a broadcast to " + room);
        return stamp;
    }

    @Override
    public Registration listen(RoomEvents listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The KO reason for a room that does not exist. */
    String unknown(String room) {
        return "unknown room '" + room + "': this server has " + String.join(", ", rooms.keySet());
    }

    /** Joins; returns the members' pseudos after joining, or {@code null} if already a member. */
    List<String> join(String room, Session session) {
        Message joined = Message.of(RoomVerbs.JOINED).put("room", room).put("pseudo", session.pseudo());
        List<RuntimeException> failures = new ArrayList<>(0);
        List<Member> members = rooms.get(room).join(new Member(session.pseudo(), session), joined, delivery(), failures);
        report(failures, session.pseudo() + " joining " + room);
        return members == null ? null : members.stream().map(Member::pseudo).toList();
    }

    /** Leaves one room, telling the others; false if the session was not in it (or the rooms stopped). */
    boolean leave(String room, Session session, String pseudo, String reason) {
        if (stopped) {
            return false;
        }
        Message left = Message.of(RoomVerbs.LEFT).put("room", room).put("pseudo", pseudo);
        if (reason != null) {
            left.put("reason", reason);
        }
        List<RuntimeException> failures = new ArrayList<>(0);
        boolean was = rooms.get(room).leave(session, left, reason, delivery(), failures);
        report(failures, pseudo + " leaving " + room);
        return was;
    }

    @Override
    public boolean remove(String room, Session session, String reason) {
        if (!exists(room)) {
            throw new IllegalArgumentException("no room '" + room + "'");
        }
        String pseudo = session.pseudo();
        return pseudo != null && leave(room, session, pseudo, reason);
    }

    /** Tells the listeners that the member's JOIN_ROOM was answered; on its reader thread, no lock held. */
    void welcomed(String room, Session session) {
        Member member = new Member(session.pseudo(), session);
        for (RoomEvents listener : listeners) {
            try {
                listener.welcomed(room, member);
            } catch (RuntimeException e) {
                LOG.warn("a room listener failed welcoming {} to {}", session.pseudo(), room, e);
            }
        }
    }

    /** Leaves every room the session is in. */
    void leaveAll(Session session, String pseudo, String reason) {
        for (String room : rooms.keySet()) {
            leave(room, session, pseudo, reason);
        }
    }

    /**
     * Keeps a dropped, resumable session in its rooms, and notes the last id each room had handed it:
     * its memberships are parked, not left, until it resumes or its window ends.
     */
    void park(Session session) {
        Map<String, Long> last = new LinkedHashMap<>();
        for (Room room : rooms.values()) {
            if (room.contains(session)) {
                last.put(room.name(), room.lastDelivered());
            }
        }
        if (!last.isEmpty()) {
            parked.put(session, last);
        }
    }

    /**
     * Moves a parked session's memberships to the session that resumed it, with no JOINED or LEFT.
     *
     * @return each room it is back in, with the last id handed to the dropped session
     */
    Map<String, Long> resume(Session before, Session after) {
        Map<String, Long> last = parked.remove(before);
        Map<String, Long> back = new LinkedHashMap<>();
        if (last == null) {
            return back;
        }
        List<RuntimeException> failures = new ArrayList<>(0);
        Member member = new Member(after.pseudo(), after);
        last.forEach((name, id) -> {
            if (rooms.get(name).rebind(before, member, failures)) {
                back.put(name, id);
            }
        });
        report(failures, after.pseudo() + " resuming");
        return back;
    }

    /** A parked session's window ended: it leaves its rooms now, and the others are told. */
    void unpark(Session before, String pseudo, String reason) {
        parked.remove(before);
        leaveAll(before, pseudo, reason);
    }

    /** No more events: the plugin stopped. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Where the room's ids continue from: the {@link RoomLog}'s last id, or 0 with no log. */
    private long lastId(String room) {
        try {
            return server.services().find(RoomLog.class).map(log -> log.lastId(room)).orElse(0L);
        } catch (RuntimeException e) {
            LOG.warn("the room log failed to give {}'s last id: its ids start again at 1", room, e);
            return 0;
        }
    }

    private RoomDelivery delivery() {
        return server.services().find(RoomDelivery.class).orElse(RoomDelivery.LOCAL);
    }

    private static void report(List<RuntimeException> failures, String during) {
        for (RuntimeException failure : failures) {
            LOG.warn("a room listener or delivery failed during {}", during, failure);
        }
    }
}
