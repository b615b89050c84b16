package parley.rooms.api.client;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import parley.api.Message;
import tools.jackson.databind.JsonNode;

/**
 * What a client has shown of each room, by the rooms' ids, so that live pushes and history meet with
 * no duplicate and no gap: after a JOIN_ROOM (the latest history, then live), and after a reconnect
 * (what was missed, then live).
 *
 * <p>Live pushes go through {@link #live}: one with an id at or below the last shown is a duplicate;
 * while a room {@linkplain #hold is held} (its history is being fetched), pushes wait. {@link #release}
 * then merges the history and what waited, in id order, each once, and lets live pushes through again.
 * A push without an id (a server without ids, a reply) always passes. The client's own MSG, which is
 * not pushed back to it, goes through {@link #live} too, made from the echo in its OK ({@code id},
 * {@code time}). Thread-safe.
 */
public final class RoomFeed {

    /** How many recent ids a room remembers, to tell a late echo of the client's own MSG from a repeat. */
    private static final int REMEMBERED = 4096;

    /** Per room: the ids shown (the last few thousand), the highest, and what waits while held. */
    private static final class State {
        long last = -1;
        /** Every id up to this one counts as shown (skipped on purpose). */
        long floor = -1;
        final TreeSet<Long> shown = new TreeSet<>();
        TreeMap<Long, Message> waiting;

        boolean seen(long id) {
            return id <= floor || shown.contains(id) || (shown.size() >= REMEMBERED && id < shown.first());
        }

        void mark(long id) {
            shown.add(id);
            if (shown.size() > REMEMBERED) {
                shown.pollFirst();
            }
            last = Math.max(last, id);
        }
    }

    private final Map<String, State> rooms = new HashMap<>();

    /** The client's feed, shared by its extensions. */
    public static RoomFeed of(parley.api.spi.ClientContext context) {
        return context.shared(RoomFeed.class, RoomFeed::new);
    }

    /**
     * A live push: true when it is to be shown now; false when it was shown already, or waits while
     * its room is held. A room's pushes arrive in id order, so one at or below the last shown is a repeat.
     */
    public synchronized boolean live(Message push) {
        String room = push.text("room");
        long id = id(push);
        if (room == null || id < 0) {
            return true;
        }
        State state = rooms.computeIfAbsent(room, r -> new State());
        if (state.waiting != null) {
            state.waiting.putIfAbsent(id, push);
            return false;
        }
        if (id <= state.last) {
            return false;
        }
        state.mark(id);
        return true;
    }

    /**
     * The client's own MSG, made from its OK's echo: true when it is to be shown now. Its OK may be read
     * after pushes that came later in the room, so it is a repeat only if that very id was shown.
     */
    public synchronized boolean mine(Message message) {
        String room = message.text("room");
        long id = id(message);
        if (room == null || id < 0) {
            return true;
        }
        State state = rooms.computeIfAbsent(room, r -> new State());
        if (state.waiting != null) {
            state.waiting.putIfAbsent(id, message);
            return false;
        }
        if (state.seen(id)) {
            return false;
        }
        state.mark(id);
        return true;
    }

    /**
     * Counts every event of the room up to {@code id} as shown without showing it: where a client that
     * wants no history starts (it still knows where to catch up from after a drop).
     */
    public synchronized void skipTo(String room, long id) {
        State state = rooms.computeIfAbsent(room, r -> new State());
        state.floor = Math.max(state.floor, id);
        state.last = Math.max(state.last, id);
    }

    /** Holds the room's live pushes until {@link #release}: call before asking for its history. */
    public synchronized void hold(String room) {
        State state = rooms.computeIfAbsent(room, r -> new State());
        if (state.waiting == null) {
            state.waiting = new TreeMap<>();
        }
    }

    /**
     * Merges the room's history with the pushes that waited: each event not shown yet, once, in id
     * order. The room is no longer held.
     *
     * @param history what HISTORY answered (may overlap what was shown or what waited)
     * @return the events to show, in id order
     */
    public synchronized List<Message> release(String room, List<Message> history) {
        State state = rooms.computeIfAbsent(room, r -> new State());
        TreeMap<Long, Message> merged = new TreeMap<>();
        for (Message message : history) {
            long id = id(message);
            if (id >= 0) {
                merged.putIfAbsent(id, message);
            }
        }
        if (state.waiting != null) {
            state.waiting.forEach(merged::putIfAbsent);
        }
        state.waiting = null;
        List<Message> out = new ArrayList<>();
        for (Map.Entry<Long, Message> entry : merged.entrySet()) {
            if (!state.seen(entry.getKey())) {
                out.add(entry.getValue());
                state.mark(entry.getKey());
            }
        }
        return out;
    }

    /** The last id shown per room, for rooms that have one. */
    public synchronized Map<String, Long> lastShown() {
        Map<String, Long> out = new LinkedHashMap<>();
        rooms.forEach((room, state) -> {
            if (state.last >= 0) {
                out.put(room, state.last);
            }
        });
        return out;
    }

    /** The last (highest) id shown in a room, or -1. */
    public synchronized long lastShown(String room) {
        State state = rooms.get(room);
        return state == null ? -1 : state.last;
    }

    /** Forgets a room (left). */
    public synchronized void forget(String room) {
        rooms.remove(room);
    }

    /** A push's id, or -1 when it has none. */
    public static long id(Message message) {
        JsonNode id = message.get("id");
        return id != null && id.isIntegralNumber() ? id.longValue() : -1;
    }
}
