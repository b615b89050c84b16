package parley.history;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.sql.SQLDataException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Consecutive events of one room written together, as one row of the log: the unit that is stored,
 * read and deleted. Its body is a compact binary encoding: a format byte ({@value #FORMAT}), then per
 * event its id (8 bytes), its time in epoch milliseconds (8 bytes), the length of its JSON (4 bytes)
 * and the JSON's UTF-8 bytes, oldest first. A block holds at most {@link #MAX_EVENTS} events and, unless
 * one event alone is bigger, at most {@link #MAX_BYTES} of body, so that reading one stays cheap.
 * Stateless.
 */
final class Block {

    static final int MAX_EVENTS = 512;
    static final int MAX_BYTES = 256 * 1024;
    private static final byte FORMAT = 1;
    private static final int HEADER = 8 + 8 + 4;

    private Block() {
    }

    /**
     * The events of one room, in order, cut into blocks: at most {@link #MAX_EVENTS} each, and at most
     * {@link #MAX_BYTES} of body unless a single event is bigger.
     */
    static List<List<Entry>> cut(List<Entry> events) {
        List<List<Entry>> blocks = new ArrayList<>();
        int from = 0;
        int bytes = 1;
        for (int i = 0; i < events.size(); i++) {
            int size = HEADER + events.get(i).json().length;
            if (i > from && (i - from == MAX_EVENTS || bytes + size > MAX_BYTES)) {
                blocks.add(events.subList(from, i));
                from = i;
                bytes = 1;
            }
            bytes += size;
        }
        if (from < events.size()) {
            blocks.add(events.subList(from, events.size()));
        }
        return blocks;
    }

    /** The body of a block holding these events, oldest first. */
    static byte[] encode(List<Entry> events) {
        int size = 1;
        for (Entry event : events) {
            size += HEADER + event.json().length;
        }
        ByteBuffer body = ByteBuffer.allocate(size).put(FORMAT);
        for (Entry event : events) {
            body.putLong(event.id()).putLong(event.millis()).putInt(event.json().length).put(event.json());
        }
        return body.array();
    }

    /**
     * The events of a block's body, oldest first.
     *
     * @throws SQLDataException naming the room and block when the body is not one this class wrote
     */
    static List<Entry> decode(String room, long firstId, byte[] body) throws SQLDataException {
        if (body.length == 0 || body[0] != FORMAT) {
            throw new SQLDataException("the history block of " + room + " from id " + firstId
                    + " has an unknown format (" + (body.length == 0 ? "empty" : "format " + body[0]) + ")");
        }
        List<Entry> events = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(body, 1, body.length - 1);
        try {
            while (in.hasRemaining()) {
                long id = in.getLong();
                long millis = in.getLong();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) {
                    throw new BufferUnderflowException();
                }
                int at = in.position();
                events.add(new Entry(room, id, millis, Arrays.copyOfRange(body, at, at + length)));
                in.position(at + length);
            }
        } catch (BufferUnderflowException e) {
            throw new SQLDataException("the history block of " + room + " from id " + firstId
                    + " is cut short after " + events.size() + " events");
        }
        return events;
    }
}
