package parley.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.HdrHistogram.Histogram;

/**
 * One member's reader, on a virtual thread of its own: reads whatever the server sends, finds each
 * message by its {@link Marker}, and checks that the sequence numbers come one after the other (one
 * sender per room), so a message lost, doubled or out of order is counted as an error. During a
 * {@link Phase} it records each message's latency, from the time it was planned to be sent to the
 * read that brought it.
 */
final class Receiver implements Runnable {

    /** Messages planned within {@code [from, to)} are recorded, each receiver into its own histogram. */
    record Phase(long from, long to, Histogram[] histograms) {
    }

    private final SocketChannel channel;
    private final int index;
    private volatile Phase phase;
    private volatile long received;
    private volatile long errors;
    private volatile long next;
    private volatile boolean done;

    Receiver(SocketChannel channel, int index) {
        this.channel = channel;
        this.index = index;
    }

    void phase(Phase phase) {
        this.phase = phase;
    }

    /** Messages received so far. */
    long received() {
        return received;
    }

    /** The sequence number expected next: every message before it was received. */
    long next() {
        return next;
    }

    /** Messages that came out of order, doubled, or after a gap. */
    long errors() {
        return errors;
    }

    boolean done() {
        return done;
    }

    @Override
    public void run() {
        byte[] buf = new byte[64 * 1024];
        ByteBuffer buffer = ByteBuffer.wrap(buf);
        long count = 0;
        long bad = 0;
        long expected = 0;
        try {
            while (true) {
                int n = channel.read(buffer);
                if (n < 0) {
                    return;
                }
                long now = System.nanoTime();
                Phase current = phase;
                Histogram histogram = current == null ? null : current.histograms()[index];
                int end = buffer.position();
                int i = 0;
                while (i < end) {
                    if (buf[i] != Marker.START) {
                        i++;
                        continue;
                    }
                    if (end - i < Marker.LENGTH) {
                        break; // the rest of this marker comes with the next read
                    }
                    long seq = number(buf, i + 1, Marker.SEQ_DIGITS);
                    long planned = number(buf, i + 1 + Marker.SEQ_DIGITS, Marker.TIME_DIGITS);
                    if (seq != expected) {
                        bad++;
                    }
                    expected = seq + 1;
                    count++;
                    if (histogram != null && planned >= current.from() && planned < current.to()) {
                        histogram.recordValue(Math.max(0, (now - planned) / 1000)); // microseconds
                    }
                    i += Marker.LENGTH;
                }
                System.arraycopy(buf, i, buf, 0, end - i);
                buffer.position(end - i);
                received = count;
                errors = bad;
                next = expected;
            }
        } catch (IOException e) {
            // closed: the group is done
        } finally {
            done = true;
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
