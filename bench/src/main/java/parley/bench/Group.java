package parley.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** One room under test: its members, each with its {@link Receiver}, and its one {@link Sender}. */
final class Group implements AutoCloseable {

    final List<Receiver> members = new ArrayList<>();
    final Sender sender;
    private final List<SocketChannel> channels = new ArrayList<>();

    private Group(Target target, String room, int count, String prefix, int size) throws IOException {
        List<SocketChannel> opened = Connections.open(target, count, (channel, i) ->
                target.wire().join(channel, prefix + i, room));
        channels.addAll(opened);
        for (int i = 0; i < opened.size(); i++) {
            Receiver receiver = new Receiver(opened.get(i), i);
            members.add(receiver);
            Thread.ofVirtual().name("bench-member-" + i).start(receiver);
        }
        SocketChannel channel = SocketChannel.open(target.address());
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channels.add(channel);
        target.wire().sender(channel, prefix + "s", room);
        sender = new Sender(channel, target.wire(), prefix + "s", room, size);
    }

    static Group open(Target target, String room, int members, String prefix, int size) throws IOException {
        return new Group(target, room, members, prefix, size);
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
        long sent = sender.sent();
        long deadline = System.nanoTime() + timeoutNanos;
        for (Receiver member : members) {
            while (member.next() < sent && !member.done()) {
                if (System.nanoTime() > deadline) {
                    break;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            }
        }
        long bad = 0;
        for (Receiver member : members) {
            if (member.done()) {
                throw new IOException("the server closed a member's connection (a slow consumer?)");
            }
            bad += member.errors() + Math.max(0, sent - member.received());
        }
        return bad;
    }

    @Override
    public void close() {
        Connections.closeAll(channels);
    }
}
