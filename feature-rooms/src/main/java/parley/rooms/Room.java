package parley.rooms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

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
 * <p>Every push (a message, a join, a leave) first takes a ticket: its {@code id}, the next of the
 * room's, and its time. Then it is encoded with them, outside the lock. Then it takes the lock and waits
 * until every smaller id has been delivered: so members receive the room's pushes in id order, and so
 * do the {@link RoomEvents} listeners. Under the lock only queueing happens: sending only queues shared
 * bytes, and a connection that overflows is closed off this thread. What fails under the lock (a
 * listener, a delivery) is logged after it is released.
 *
 * <p>A join or a leave changes the membership check ({@link #contains}) with its ticket, so that
 * a refused one (already a member, not a member) takes no id; the member list that deliveries use
 * changes in its turn, under the lock.
 */
final class Room {

    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    /**
     * The pushes waiting for their turn, by id, each with its own condition: the push that delivers
     * id n wakes only the one waiting for n + 1, not every waiter. Guarded by {@link #lock}.
     */
    private final Map<Long, Condition> waiting = new HashMap<>();
    /** Members by session, for membership checks without the lock; changed with a ticket. */
    private final Map<Session, Member> bySession = new ConcurrentHashMap<>();
    /** The members in join order, replaced (never changed) under the lock on each join and leave. */
    private volatile List<Member> members = List.of();
    private final List<RoomEvents> listeners;
    private final BiFunction<Message, Message, Outbound> encoder;
    private final LongSupplier lastId;
    private final Clock clock;
    /** Guards the tickets: {@link #issued}, {@link #lastMillis}, {@link #numbered}. */
    private final Object tickets = new Object();
    private long issued;
    private long lastMillis;
    private boolean numbered;
    /** The id of the last push delivered; guarded by {@link #lock}. */
    private long delivered;
    /** Members speaking lines, so a message is encoded as a line before the lock only when someone needs it. */
    private volatile int lineMembers;

    /**
     * @param encoder how a message is wrapped for a broadcast: JSON message, line message
     * @param lastId  the id the room's numbering continues from, asked at its first push
     */
    Room(String name, CopyOnWriteArrayList<RoomEvents> listeners, BiFunction<Message, Message, Outbound> encoder,
         LongSupplier lastId, Clock clock) {
        this.name = name;
        this.listeners = listeners;
        this.encoder = encoder;
        this.lastId = lastId;
        this.clock = clock;
    }

    String name() {
        return name;
    }

    /**
     * Adds the member and tells the others with {@code announce}.
     *
     * @return the members after joining, or {@code null} if it was already a member
     */
    List<Member> join(Member member, Message announce, RoomDelivery delivery, List<RuntimeException> failures) {
        Stamp stamp;
        synchronized (tickets) {
            if (bySession.putIfAbsent(member.session(), member) != null) {
                return null;
            }
            stamp = ticket();
        }
        List<List<Member>> after = new ArrayList<>(1);
        push(stamp, announce, announce, true, member.session(), () -> {
            List<Member> list = new ArrayList<>(members);
            list.add(member);
            members = List.copyOf(list);
            if (member.session().form() == PayloadForm.LINE) {
                lineMembers++;
            }
            after.add(members);
        }, l -> l.joined(name, member, stamp.id()), delivery, failures);
        return after.isEmpty() ? members : after.get(0);
    }

    /** Removes the session and tells the others with {@code announce}; false if it was not a member. */
    boolean leave(Session session, Message announce, String reason, RoomDelivery delivery,
                  List<RuntimeException> failures) {
        Stamp stamp;
        Member member;
        synchronized (tickets) {
            member = bySession.remove(session);
            if (member == null) {
                return false;
            }
            stamp = ticket();
        }
        push(stamp, announce, announce, true, null, () -> {
            List<Member> list = new ArrayList<>(members);
            list.remove(member);
            members = List.copyOf(list);
            if (session.form() == PayloadForm.LINE) {
                lineMembers--;
            }
        }, l -> l.left(name, member, reason, stamp.id()), delivery, failures);
        return true;
    }

    /**
     * Sends to every member but {@code except}: {@code json} (stamped with the id and time) to JSON
     * sessions, {@code line} as it is to line sessions.
     *
     * @return the id and time the message got
     */
    Stamp broadcast(Message json, Message line, Session except, RoomDelivery delivery,
                    List<RuntimeException> failures) {
        Stamp stamp;
        synchronized (tickets) {
            stamp = ticket();
        }
        Message[] sent = new Message[1];
        push(stamp, json, line, lineMembers > 0, except, () -> {
        }, l -> l.delivered(name, sent[0], stamp.id()), delivery, failures, sent);
        return stamp;
    }

    /**
     * Puts {@code after} in the place of the member connected through {@code before}, with no push and
     * no id: a resumed session. False if {@code before} was not a member.
     */
    boolean rebind(Session before, Member after, List<RuntimeException> failures) {
        Member old;
        synchronized (tickets) {
            old = bySession.remove(before);
            if (old == null) {
                return false;
            }
            bySession.put(after.session(), after);
        }
        lock.lock();
        try {
            List<Member> list = new ArrayList<>(members);
            int at = list.indexOf(old);
            if (at >= 0) {
                list.set(at, after);
            } else {
                list.add(after); // its join is still waiting for its turn: cannot be, it was announced
            }
            members = List.copyOf(list);
            notify(l -> l.resumed(name, old, after), failures);
        } finally {
            lock.unlock();
        }
        return true;
    }

    /** The id of the last push handed to the members. */
    long lastDelivered() {
        lock.lock();
        try {
            return delivered;
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

    /** The next id and time; the caller holds {@link #tickets}. */
    private Stamp ticket() {
        if (!numbered) {
            numbered = true;
            issued = lastId.getAsLong();
            lock.lock();
            try {
                delivered = issued;
            } finally {
                lock.unlock();
            }
        }
        lastMillis = Math.max(lastMillis, clock.millis());
        return new Stamp(++issued, lastMillis);
    }

    private void push(Stamp stamp, Message json, Message line, boolean withLine, Session except, Runnable change,
                      Consumer<RoomEvents> event, RoomDelivery delivery, List<RuntimeException> failures) {
        push(stamp, json, line, withLine, except, change, event, delivery, failures, new Message[1]);
    }

    /**
     * Encodes the push with its stamp, then, under the lock and in its turn, makes the change, delivers
     * and tells the listeners. The turn always passes on, even if encoding failed (the push is then lost).
     */
    private void push(Stamp stamp, Message json, Message line, boolean withLine, Session except, Runnable change,
                      Consumer<RoomEvents> event, RoomDelivery delivery, List<RuntimeException> failures,
                      Message[] sent) {
        Outbound message = null;
        RuntimeException encoding = null;
        try {
            sent[0] = stamp.on(json.copy());
            message = encoder.apply(sent[0], line).prepare(withLine); // the line form as it always was
        } catch (RuntimeException e) {
            encoding = e;
        }
        lock.lock();
        try {
            if (delivered != stamp.id() - 1) {
                Condition mine = lock.newCondition();
                waiting.put(stamp.id(), mine);
                while (delivered != stamp.id() - 1) {
                    mine.awaitUninterruptibly();
                }
                waiting.remove(stamp.id());
            }
            try {
                change.run();
                if (message != null) {
                    // the listeners first (a history queues it), then the members: whoever got the push
                    // and asks HISTORY next finds it there
                    notify(event, failures);
                    Outbound pushed = message;
                    notify(l -> l.pushed(name, pushed, stamp.id()), failures);
                    deliver(delivery, message, except, failures);
                }
            } finally {
                delivered = stamp.id();
                Condition next = waiting.get(stamp.id() + 1);
                if (next != null) {
                    next.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        if (encoding != null) {
            throw encoding;
        }
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
