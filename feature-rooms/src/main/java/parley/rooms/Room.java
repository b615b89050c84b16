package parley.rooms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import parley.api.Outbound;
import parley.api.Session;

/**
 * One room: its members, and the lock that puts every broadcast to it in one order.
 *
 * <p>Everything that changes the members or sends to them holds the lock, so members see joins,
 * leaves and messages in the same order. Sending never blocks (it queues), so the lock is held only
 * for as long as it takes to queue shared bytes for each member.
 */
final class Room {

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<Session> members = new LinkedHashSet<>();

    Room(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /**
     * Adds the session and tells the others with {@code announce}.
     *
     * @return the members after joining, or {@code null} if it was already a member
     */
    List<Session> join(Session session, Outbound announce) {
        lock.lock();
        try {
            if (!members.add(session)) {
                return null;
            }
            sendAll(announce, session);
            return new ArrayList<>(members);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the session and tells the others with {@code announce}; false if it was not a member. */
    boolean leave(Session session, Outbound announce) {
        lock.lock();
        try {
            if (!members.remove(session)) {
                return false;
            }
            sendAll(announce, null);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void broadcast(Outbound message, Session except) {
        lock.lock();
        try {
            sendAll(message, except);
        } finally {
            lock.unlock();
        }
    }

    boolean contains(Session session) {
        lock.lock();
        try {
            return members.contains(session);
        } finally {
            lock.unlock();
        }
    }

    List<Session> members() {
        lock.lock();
        try {
            return new ArrayList<>(members);
        } finally {
            lock.unlock();
        }
    }

    private void sendAll(Outbound message, Session except) {
        for (Session member : members) {
            if (member != except) {
                member.send(message);
            }
        }
    }
}
