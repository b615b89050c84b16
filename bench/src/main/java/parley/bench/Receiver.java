package parley.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.HdrHistogram.Histogram;

/**
 * One member's reader, driven by a {@link ReceiverLoop}: reads whatever the server sends, finds each
 * message by its {@link Marker}, and checks that each sender's sequence numbers come one after the
 * other, so a message lost, doubled or out of order is counted as an error (as is a sender index out
 * of range). During a
 * {@link Phase} it records each message's latency, from the time it was planned to be sent to the
 * read that brought it, into the phase's histogram of its slot: the receivers that one loop reads
 * share one (a histogram is about 280 KB of counts; one per member put 28 MB of them under the loop's
 * 500,000 records a second at 100 members, and the cache misses cost the load generator CPU it
 * shares with the server, docs/PERFORMANCE.md).
 */
final class Receiver {

    /**
     * Messages planned within {@code [from, to)} are recorded, each receiver into
     * {@code histograms[slot]}; a histogram is written by the one loop thread whose receivers have its slot.
     */
    record Phase(long from, long to, Histogram[] histograms) {
    }

    private final SocketChannel channel;
    /** Which of a phase's histograms this receiver records into. */
    private final int slot;
    private volatile Phase phase;
    private volatile long received;
    private volatile long errors;
    /** Per sender, the sequence number expected next; written by the reader after each read. */
    private final java.util.concurrent.atomic.AtomicLongArray next;
    private volatile boolean done;
    private volatile RuntimeException failure;
    /** The loop thread's own: what was read and not scanned yet, the counts, each sender's next number. */
    private final byte[] buf = new byte[64 * 1024];
    private final ByteBuffer buffer = ByteBuffer.wrap(buf);
    private final long[] expected;
    /** Bytes of padding after each marker, skipped. */
    private final int padding;
    private long count;
    private long bad;

    /**
     * @param slot which of a {@link Phase}'s histograms it records into: receivers read by one
     *             {@link ReceiverLoop} share a slot, receivers of different loops must not
     * @param size the messages' size: the padding after each marker ({@code size} less the marker) is
     *             skipped, not searched (it is {@code x}s on every wire); {@link Marker#LENGTH} or less
     *             skips nothing
     */
    Receiver(SocketChannel channel, int slot, int senders, int size) {
        this.channel = channel;
        this.slot = slot;
        this.padding = Math.max(0, size - Marker.LENGTH);
        this.next = new java.util.concurrent.atomic.AtomicLongArray(senders);
        this.expected = new long[senders];
    }

    SocketChannel channel() {
        return channel;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    /** Messages received so far. */
    long received() {
        return received;
    }

    /** The sequence number expected next from sender {@code sender}: every message of it before was received. */
    long next(int sender) {
        return next.get(sender);
    }

    /** Messages that came out of order, doubled, or after a gap. */
    long errors() {
        return errors;
    }

    boolean done() {
        return done;
    }

    /**
     * Reads once what the socket has now (it is in non-blocking mode), finds each message and checks it.
     * Called by its {@link ReceiverLoop} when the socket is readable, on that loop's thread only.
     *
     * @return false once the server closed the connection (or a read failed): the receiver is done
     */
    boolean readAvailable() {
        try {
            int n = channel.read(buffer); // one read: the loop comes back while there is more, after the others
            if (n < 0) {
                done = true;
                return false;
            }
            if (n > 0) {
                scan(System.nanoTime());
            }
            return true;
        } catch (IOException e) {
            done = true; // closed: the group is done
            return false;
        }
    }

    /** Marks the receiver done without a read (its loop stopped). */
    void finish() {
        done = true;
    }

    /** Marks the receiver done because handling what it read failed; {@link #failure()} says why. */
    void fail(RuntimeException e) {
        failure = e;
        done = true;
    }

    /** Why this receiver stopped when it was not the connection's end, or {@code null}. */
    RuntimeException failure() {
        return failure;
    }

    /** Finds the markers in what the buffer holds, at {@code now}; keeps a partial one for the next read. */
    private void scan(long now) {
        Phase current = phase;
        Histogram histogram = current == null ? null : current.histograms()[slot];
        int end = buffer.position();
        int i = 0;
        while (i < end) {
            int at = Marker.find(buf, i, end);
            if (at < 0) {
                i = end;
                break;
            }
            i = at;
            if (end - i < Marker.LENGTH) {
                break; // the rest of this marker comes with the next read
            }
            int sender = (int) number(buf, i + 1, Marker.SENDER_DIGITS);
            long seq = number(buf, i + 1 + Marker.SENDER_DIGITS, Marker.SEQ_DIGITS);
            if (sender >= expected.length) {
                bad++;
            } else {
                if (seq != expected[sender]) {
                    bad++;
                }
                expected[sender] = seq + 1;
            }
            count++;
            if (histogram != null) { // the planned time is read only when it is recorded
                long planned = number(buf, i + 1 + Marker.SENDER_DIGITS + Marker.SEQ_DIGITS, Marker.TIME_DIGITS);
                if (planned >= current.from() && planned < current.to()) {
                    histogram.recordValue(Math.max(0, (now - planned) / 1000)); // microseconds
                }
            }
            i += Marker.LENGTH;
            i += Math.min(padding, end - i); // what the read did not bring of it is searched next time
        }
        System.arraycopy(buf, i, buf, 0, end - i);
        buffer.position(end - i);
        received = count;
        errors = bad;
        for (int s = 0; s < expected.length; s++) {
            next.lazySet(s, expected[s]);
        }
    }

    private static long number(byte[] buf, int at, int digits) {
        long value = 0;
        for (int i = at; i < at + digits; i++) {
            value = value * 10 + (buf[i] - '0');
        }
        return value;
    }
}
