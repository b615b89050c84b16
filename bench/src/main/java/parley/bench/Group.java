package parley.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * One room under test: its members, each with its {@link Receiver} (read by {@link #LOOPS} threads
 * with a selector, {@link ReceiverLoop}), and its {@link Sender}s (one
 * connection each; in Parley a sender is a member of the room too, so it also gets the other senders'
 * messages, which {@link #pushesToSenders()} counts).
 */
final class Group implements AutoCloseable {

    final List<Receiver> members = new ArrayList<>();
    final List<Sender> senders = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();
    /** The threads that read the members' sockets, each a share of them. */
    private final List<ReceiverLoop> loops = new ArrayList<>();

    /** Reading threads per room: one per core of the two the kit was made for. */
    static final int LOOPS = 2;

    private Group(Target target, String room, int count, String prefix, int size, int senderCount) throws IOException {
        if (senderCount < 1 || senderCount > Marker.MAX_SENDERS) {
            throw new IllegalArgumentException("senders must be within 1 and " + Marker.MAX_SENDERS + ", got " + senderCount);
        }
        List<SocketChannel> opened = Connections.open(target, count, (channel, i) ->
                target.wire().join(channel, prefix + i, room));
        channels.addAll(opened);
        List<List<Receiver>> shares = new ArrayList<>();
        for (int l = 0; l < Math.min(LOOPS, opened.size()); l++) {
            shares.add(new ArrayList<>());
        }
        for (int i = 0; i < opened.size(); i++) {
            int loop = i % shares.size();
            Receiver receiver = new Receiver(opened.get(i), loop, senderCount, size); // records into its loop's histogram
            members.add(receiver);
            shares.get(loop).add(receiver);
        }
        for (int l = 0; l < shares.size(); l++) {
            loops.add(ReceiverLoop.start(shares.get(l), "bench-members-" + room + "-" + l));
        }
        for (int k = 0; k < senderCount; k++) {
            SocketChannel channel = SocketChannel.open(target.address());
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channels.add(channel);
            String name = prefix + "s" + k;
            target.wire().sender(channel, name, room);
            senders.add(new Sender(channel, k, target.wire(), name, room, size));
        }
    }

    /** How many histograms a {@link Receiver.Phase} of this group needs: one per reading thread. */
    int histogramSlots() {
        return loops.size();
    }

    static Group open(Target target, String room, int members, String prefix, int size, int senders) throws IOException {
        return new Group(target, room, members, prefix, size, senders);
    }

    /** Messages the server acknowledged, all senders together. */
    long acked() {
        return senders.stream().mapToLong(Sender::acked).sum();
    }

    /** Messages the senders received from one another (Parley's senders are members); 0 for other servers. */
    long pushesToSenders() {
        return senders.stream().mapToLong(Sender::pushes).sum();
    }

    /** Waits until every sender's messages are all acknowledged. */
    void awaitAcks(long timeoutNanos) throws IOException {
        for (Sender sender : senders) {
            sender.awaitAcks(timeoutNanos);
        }
    }

    long received() {
        long sum = 0;
        for (Receiver member : members) {
            sum += member.received();
        }
        return sum;
    }

    /**
     * Waits until every member received every message sent, then returns the deliveries lost,
     * doubled or out of order (0 when all is well).
     */
    long awaitDelivered(long timeoutNanos) throws IOException {
        long sent = senders.stream().mapToLong(Sender::sent).sum();
        long deadline = System.nanoTime() + timeoutNanos;
        for (Receiver member : members) {
            for (Sender sender : senders) {
                while (member.next(sender.index()) < sender.sent() && !member.done()) {
                    if (System.nanoTime() > deadline) {
                        break;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            }
        }
        long bad = 0;
        for (Receiver member : members) {
            if (member.failure() != null) {
                throw new IOException("a member's reader failed: " + member.failure(), member.failure());
            }
            if (member.done()) {
                throw new IOException("the server closed a member's connection (a slow consumer?)");
            }
            bad += member.errors() + Math.max(0, sent - member.received());
        }
        return bad;
    }

    @Override
    public void close() {
        loops.forEach(ReceiverLoop::close);
        Connections.closeAll(channels);
    }
}
