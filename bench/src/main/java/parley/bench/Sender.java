package parley.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One of a room's senders, numbered from 0 ({@link #index}). Closed loop ({@link #flood}): as fast as
 * the server acknowledges, with at most {@code window} messages unacknowledged and at most {@code lag}
 * of its messages ahead of the slowest member, so that no server's queues grow without bound. Open
 * loop ({@link #paced}): at a fixed rate, each message carrying the time it was planned for, so a
 * server that falls behind is charged the whole delay (no coordinated omission). Messages of one
 * sender are numbered 0, 1, 2... for its life. Either loop also ends early when {@link #stop}ped.
 */
final class Sender {

    private static final int BATCH = 64;

    private final SocketChannel channel;
    private final int index;
    private final Wire.Encoded message;
    private final Wire.Acks acks;
    private final byte[] batch;
    private final ByteBuffer out;
    private volatile long acked;
    /** Frames this sender received that were not answers: other senders' messages, where senders are members. */
    private volatile long pushes;
    private volatile IOException failure;
    /** Set by {@link #stop}: the sending loops end at their next turn. */
    private volatile boolean stopped;
    private long sent;

    Sender(SocketChannel channel, int index, Wire wire, String name, String room, int size) {
        this.channel = channel;
        this.index = index;
        this.message = wire.message(name, room, Marker.body(size, index));
        this.acks = wire.acks();
        this.batch = new byte[message.bytes().length * BATCH];
        this.out = ByteBuffer.wrap(batch);
        Thread.ofVirtual().name("bench-acks").start(this::readAcks);
    }

    /** Messages sent so far; read by other threads once this sender's thread is done. */
    long sent() {
        return sent;
    }

    /** This sender's number in its room: the index its {@link Marker}s carry. */
    int index() {
        return index;
    }

    long acked() {
        return acked;
    }

    /** Messages of other senders this one received (a Parley sender is a member of the room); 0 elsewhere. */
    long pushes() {
        return pushes;
    }

    /** Makes {@link #flood} and {@link #paced} return at their next turn (another sender failed); any thread. */
    void stop() {
        stopped = true;
    }

    /**
     * Sends as fast as allowed until {@code until} (nanoTime); returns the messages sent. When it may
     * not send, it naps {@code napNanos} before it looks again: 20 µs for a room's only sender, longer
     * when many share the load generator's cores, so that their looking does not take the CPU the
     * server needs.
     */
    long flood(long until, int window, int lag, List<Receiver> members, long napNanos) throws IOException {
        long start = sent;
        while (!stopped && System.nanoTime() < until) {
            check();
            long slowest = Long.MAX_VALUE;
            for (Receiver member : members) {
                slowest = Math.min(slowest, member.next(index));
            }
            long allowed = Math.min(window - (sent - acked), lag - (sent - slowest));
            if (allowed <= 0) {
                LockSupport.parkNanos(napNanos);
                continue;
            }
            send((int) Math.min(allowed, BATCH), System.nanoTime(), 0.0, 0);
        }
        return sent - start;
    }

    /** Sends {@code rate} messages a second from {@code start} until {@code until}, each planned at its own time. */
    long paced(double rate, long start, long until) throws IOException {
        long first = sent;
        double interval = 1e9 / rate;
        long i = 0;
        while (true) {
            check();
            long planned = start + (long) (i * interval);
            if (planned >= until || stopped) {
                return sent - first;
            }
            long now = System.nanoTime();
            if (planned > now) {
                LockSupport.parkNanos(planned - now);
                continue;
            }
            int due = 0;
            while (due < BATCH && start + (long) ((i + due) * interval) <= now
                    && start + (long) ((i + due) * interval) < until) {
                due++;
            }
            send(due, start, interval, i);
            i += due;
            if (sent - acked > 2_000_000) {
                throw new IOException("the server acknowledged none of the last 2,000,000 messages");
            }
        }
    }

    /** Waits until every message sent is acknowledged. */
    void awaitAcks(long timeoutNanos) throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        while (acked < sent) {
            check();
            if (System.nanoTime() > deadline) {
                throw new IOException("only " + acked + " of " + sent + " messages acknowledged in time");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /** Sends {@code count} messages, the k-th planned at {@code start + (i + k) * interval}. */
    private void send(int count, long start, double interval, long i) throws IOException {
        byte[] template = message.bytes();
        int length = template.length;
        for (int k = 0; k < count; k++) {
            System.arraycopy(template, 0, batch, k * length, length);
            Marker.write(batch, k * length + message.markerAt(), sent + k, start + (long) ((i + k) * interval));
        }
        write(count * length);
        sent += count;
    }

    private void write(int bytes) throws IOException {
        out.clear().limit(bytes);
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    private void check() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    private void readAcks() {
        byte[] buf = new byte[16 * 1024];
        ByteBuffer in = ByteBuffer.wrap(buf);
        long count = 0;
        long others = 0;
        try {
            while (true) {
                in.clear();
                int n = channel.read(in);
                if (n < 0) {
                    failure = new IOException("the server closed the sender's connection");
                    return;
                }
                int answered = acks.feed(buf, 0, n);
                count += answered;
                others += acks.others();
                acked = count;
                pushes = others;
            }
        } catch (IOException e) {
            if (channel.isOpen()) {
                failure = e;
            }
        }
    }
}
