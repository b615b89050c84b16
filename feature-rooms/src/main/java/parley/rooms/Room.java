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
 * <p>Every push (a message, a join, a leave) has an {@code id}, the next of the room's, and a time:
 * its stamp. It is encoded without them, outside the lock; under the lock the stamp is added to the
 * encoded bytes (a copy and a few digits, no encoding) and the push is delivered. A message takes its
 * stamp under the lock, so messages are numbered in the order they take it and never wait for one
 * another. A join or a leave takes its stamp before (see below), then waits under the lock until every
 * smaller id has been delivered. So members receive the room's pushes in id order, and so do the
 * {@link RoomEvents} listeners. Under the lock only queueing happens: sending only queues shared bytes,
 * and a connection that overflows is closed off this thread. What fails under the lock (a listener, a
 * delivery) is logged after it is released.
 *
 * <p>Measured (docs/PERFORMANCE.md): when every message took its id before the lock and then waited for
 * its turn, a room with 50 senders spent a quarter more CPU per delivery, parking and waking them.
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
        announce(stamp, announce, member.session(), () -> {
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
        announce(stamp, announce, null, () -> {
            List<Member> list = new ArrayList<>(members);
            list.remove(member);
            members = List.copyOf(list);
            if (session.form() == PayloadForm.LINE) {
                lineMembers--;
            }
        }, l -> l.left(name, member, reason, stamp.id()), delivery, failures);
        return true;
    }

    /** A join's or a leave's push, ticket in hand: if its notice cannot be encoded, it still takes its turn, then throws. */
    private void announce(Stamp stamp, Message announce, Session except, Runnable change, Consumer<RoomEvents> event,
                          RoomDelivery delivery, List<RuntimeException> failures) {
        Draft draft = null;
        RuntimeException encoding = null;
        try {
            draft = draft(announce, announce, true);
        } catch (RuntimeException e) {
            encoding = e;
        }
        push(stamp, draft, except, change, event, delivery, failures, new Message[1]);
        if (encoding != null) {
            throw encoding;
        }
    }

    /**
     * Sends to every member but {@code except}: {@code json} (stamped with the id and time) to JSON
     * sessions, {@code line} as it is to line sessions. Encodes first, then takes the lock and, under it,
     * the next id: so broadcasts take their ids in the order they take the lock, and none waits for
     * another's turn (only, rarely, for a join's or a leave's, whose ids are taken before the lock).
     *
     * @return the id and time the message got
     */
    Stamp broadcast(Message json, Message line, Session except, RoomDelivery delivery,
                    List<RuntimeException> failures) {
        Draft draft = draft(json, line, lineMembers > 0); // a message that cannot be encoded takes no id
        synchronized (tickets) {
            number(); // before the lock: the first push asks where the numbering continues
        }
        lock.lock();
        try {
            Stamp stamp;
            synchronized (tickets) {
                stamp = ticket();
            }
            Message[] sent = new Message[1];
            push(stamp, draft, except, () -> {
            }, l -> l.delivered(name, sent[0], stamp.id()), delivery, failures, sent);
            return stamp;
        } finally {
            lock.unlock();
        }
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

    /**
     * At the room's first push, asks where its numbering continues; the caller holds {@link #tickets}.
     * Takes the lock then, so it must not be called with the lock held: a broadcast numbers before it
     * takes the lock, and so never reaches here under it (then the room is numbered already).
     */
    private void number() {
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
    }

    /** The next id and time; the caller holds {@link #tickets}. */
    private Stamp ticket() {
        number();
        lastMillis = Math.max(lastMillis, clock.millis());
        return new Stamp(++issued, lastMillis);
    }

    /**
     * A push made ready outside the lock: a copy of its JSON form without {@code id} and {@code time},
     * encoded in the forms its members need. {@link #stamped} adds the stamp under the lock, to the copy
     * and to its bytes, without encoding again.
     */
    private record Draft(Message json, Outbound encoded) {

        Outbound stamped(Stamp stamp) {
            byte[] bytes = stamp.on(encoded.payload(PayloadForm.JSON));
            return encoded.withJson(stamp.on(json), bytes);
        }
    }

    private Draft draft(Message json, Message line, boolean withLine) {
        Message copy = json.copy();
        copy.body().remove("id"); // the stamp's fields come last, as its bytes have them
        copy.body().remove("time");
        return new Draft(copy, encoder.apply(copy, line).prepare(withLine)); // the line form as it always was
    }

    /**
     * Under the lock and in its turn, makes the change, stamps the push, tells the listeners and
     * delivers. The turn always passes on, even without a draft (its notice could not be encoded: the
     * push is then lost) or if stamping failed (thrown once the lock is released).
     */
    private void push(Stamp stamp, Draft draft, Session except, Runnable change, Consumer<RoomEvents> event,
                      RoomDelivery delivery, List<RuntimeException> failures, Message[] sent) {
        RuntimeException stamping = null;
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
                Outbound message = null;
                if (draft != null) {
                    try {
                        message = draft.stamped(stamp);
                    } catch (RuntimeException e) {
                        stamping = e;
                    }
                }
                if (message != null) {
                    sent[0] = message.message();
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
        if (stamping != null) {
            throw stamping;
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
