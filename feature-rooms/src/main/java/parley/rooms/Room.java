package parley.rooms;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.PayloadForm;
import parley.api.Session;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDelivery;
import parley.rooms.api.RoomEvents;

/**
 * One room: its members, and the lock that puts everything sent to it in one order.
 *
 * <p>Everything that changes the members or sends to them holds the lock, so members see joins,
 * leaves and messages in the same order, and so do the {@link RoomEvents} listeners, with the room's
 * order number. Under the lock only queueing happens: a message is encoded before the lock is taken,
 * sending only queues shared bytes, and a connection that overflows is closed off this thread. What
 * fails under the lock (a listener, a delivery) is logged after it is released.
 */
final class Room {

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    /** Members by session, for membership checks without the lock. */
    private final Map<Session, Member> bySession = new ConcurrentHashMap<>();
    /** The members in join order, replaced (never changed) under the lock on each join and leave. */
    private volatile List<Member> members = List.of();
    private final List<RoomEvents> listeners;
    private long order;
    /** Members speaking lines, so a message is encoded as a line before the lock only when someone needs it. */
    private volatile int lineMembers;

    Room(String name, CopyOnWriteArrayList<RoomEvents> listeners) {
        this.name = name;
        this.listeners = listeners;
    }

    String name() {
        return name;
    }

    /**
     * Adds the member and tells the others with {@code announce}.
     *
     * @return the members after joining, or {@code null} if it was already a member
     */
    List<Member> join(Member member, Outbound announce, RoomDelivery delivery, List<RuntimeException> failures) {
        announce.prepare(true);
        lock.lock();
        try {
            if (bySession.putIfAbsent(member.session(), member) != null) {
                return null;
            }
            List<Member> after = new ArrayList<>(members);
            after.add(member);
            members = List.copyOf(after);
            if (member.session().form() == PayloadForm.LINE) {
                lineMembers++;
            }
            long at = ++order;
            deliver(delivery, announce, member.session(), failures);
            notify(l -> l.joined(name, member, at), failures);
            return members;
        } finally {
            lock.unlock();
        }
    }

    /** Removes the session and tells the others with {@code announce}; false if it was not a member. */
    boolean leave(Session session, Outbound announce, String reason, RoomDelivery delivery,
                  List<RuntimeException> failures) {
        announce.prepare(true);
        lock.lock();
        try {
            Member member = bySession.remove(session);
            if (member == null) {
                return false;
            }
            List<Member> after = new ArrayList<>(members);
            after.remove(member);
            members = List.copyOf(after);
            if (session.form() == PayloadForm.LINE) {
                lineMembers--;
            }
            long at = ++order;
            deliver(delivery, announce, null, failures);
            notify(l -> l.left(name, member, reason, at), failures);
            return true;
        } finally {
            lock.unlock();
        }
    }

    void broadcast(Outbound message, Session except, RoomDelivery delivery, List<RuntimeException> failures) {
        message.prepare(lineMembers > 0);
        Message sent = message.message();
        lock.lock();
        try {
            long at = ++order;
            deliver(delivery, message, except, failures);
            notify(l -> l.delivered(name, sent, at), failures);
        } finally {
            lock.unlock();
        }
    }

    boolean contains(Session session) {
        return bySession.containsKey(session);
    }

    /** The members in join order: an immutable snapshot. */
    List<Member> members() {
        return members;
    }

    private void deliver(RoomDelivery delivery, Outbound message, Session except, List<RuntimeException> failures) {
        try {
            delivery.deliver(name, members, message, except);
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    private void notify(Consumer<RoomEvents> event, List<RuntimeException> failures) {
        for (RoomEvents listener : listeners) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
    }
}
