package parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The yardstick: the least a virtual-thread chat server does. Frames as Parley's; a connection that
 * sends {@code J} and a room's name is a member of that room, {@code S} and a room's name sends to it
 * without being a member, {@code H} is a hello; a payload starting with {@code {} goes, as it is, to
 * every other member of the room the connection joined or sends to. Each frame is acknowledged with an
 * empty frame. One reader and one long-lived writer per connection, an unbounded queue between them, no
 * checks, no limits: what Parley is measured against for the cost of everything it does on top.
 */
public final class MinimalServer {

    private static final byte[] ACK = new byte[4];

    private final Map<String, Set<Member>> rooms = new ConcurrentHashMap<>();

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        new MinimalServer().serve(port);
    }

    private void serve(int port) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", port), 1024);
            System.out.println("listening on 127.0.0.1:" + port);
            while (true) {
                SocketChannel channel = server.accept();
                channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
                Member member = new Member(channel);
                Thread.ofVirtual().start(member::write);
                Thread.ofVirtual().start(() -> read(member));
            }
        }
    }

    /** Reads frames through a small buffer, grown only for a frame that needs more, so an idle connection holds 1 KiB. */
    private void read(Member self) {
        ByteBuffer in = ByteBuffer.allocate(1024);
        try {
            while (self.channel.read(in) >= 0) {
                in.flip();
                while (in.remaining() >= 4) {
                    int length = in.getInt(in.position());
                    if (in.remaining() < 4 + length) {
                        if (4 + length > in.capacity()) {
                            ByteBuffer bigger = ByteBuffer.allocate(4 + length);
                            bigger.put(in);
                            in = bigger.flip();
                        }
                        break;
                    }
                    byte[] frame = new byte[4 + length];
                    in.get(frame);
                    handle(self, frame);
                }
                in.compact();
            }
        } catch (IOException e) {
            // closed
        } finally {
            if (self.joined != null) {
                self.joined.remove(self);
            }
            self.queue.add(Member.END);
            try {
                self.channel.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    private void handle(Member self, byte[] frame) {
        if (frame.length > 4 && frame[4] == '{') {
            Set<Member> room = self.room;
            if (room != null) {
                for (Member member : room) {
                    if (member != self) {
                        member.queue.add(frame);
                    }
                }
            }
        } else if (frame.length > 4 && (frame[4] == 'J' || frame[4] == 'S')) {
            String name = new String(frame, 5, frame.length - 5, StandardCharsets.UTF_8);
            self.room = rooms.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet());
            if (frame[4] == 'J') {
                self.joined = self.room;
                self.room.add(self);
            }
        }
        self.queue.add(ACK);
    }

    private static final class Member {
        static final byte[] END = new byte[0];
        final SocketChannel channel;
        final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
        /** The room its messages go to, and the one it is a member of; set by its reader only. */
        volatile Set<Member> room;
        volatile Set<Member> joined;

        Member(SocketChannel channel) {
            this.channel = channel;
        }

        void write() {
            List<byte[]> taken = new ArrayList<>();
            ByteBuffer[] batch = new ByteBuffer[64];
            try {
                while (true) {
                    taken.add(queue.take());
                    queue.drainTo(taken, batch.length - 1);
                    int count = 0;
                    for (byte[] frame : taken) {
                        if (frame == END) {
                            return;
                        }
                        batch[count++] = ByteBuffer.wrap(frame);
                    }
                    long left = 0;
                    for (int i = 0; i < count; i++) {
                        left += batch[i].remaining();
                    }
                    while (left > 0) {
                        left -= channel.write(batch, 0, count);
                    }
                    taken.clear();
                }
            } catch (IOException | InterruptedException e) {
                // closed
            }
        }
    }
}
