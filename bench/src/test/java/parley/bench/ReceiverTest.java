package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** A member's reader on a real loopback socket, read by a loop: each sender's messages are checked in their own order. */
class ReceiverTest {

    /** The messages' size: a marker and 5 bytes of padding. */
    private static final int SIZE = Marker.LENGTH + 5;

    private static byte[] message(int sender, long seq) {
        byte[] body = Marker.body(SIZE, sender);
        Marker.write(body, 0, seq, 1);
        return body;
    }

    /** Writes the messages (sender, seq pairs) to a receiver, then waits until it counted them all. */
    private static Receiver receive(int senders, int[][] messages) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            Receiver receiver = new Receiver(accepted, 0, senders, SIZE);
            try (ReceiverLoop loop = ReceiverLoop.start(List.of(receiver), "test-members")) {
                send(client, messages);
                awaitUntil(() -> receiver.received() >= messages.length);
                client.close();
                awaitUntil(receiver::done); // the loop saw the end
            }
            return receiver;
        }
    }

    /** Two members' connections on loopback: the server's ends {@code a} and {@code b}, and what writes to them. */
    private static final class TwoMembers implements AutoCloseable {
        final ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        final SocketChannel toA = SocketChannel.open(server.getLocalAddress());
        final SocketChannel a = server.accept();
        final SocketChannel toB = SocketChannel.open(server.getLocalAddress());
        final SocketChannel b = server.accept();

        TwoMembers() throws IOException {
        }

        @Override
        public void close() throws IOException {
            for (java.io.Closeable c : List.of(toA, a, toB, b, server)) {
                c.close();
            }
        }
    }

    private static void send(SocketChannel client, int[][] messages) throws Exception {
        for (int[] m : messages) {
            ByteBuffer out = ByteBuffer.wrap(message(m[0], m[1]));
            while (out.hasRemaining()) {
                client.write(out);
            }
        }
    }

    private static void awaitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(condition.getAsBoolean()).as("within 30 s").isTrue();
    }

    @Test
    void aMessageCutInItsPaddingIsCountedOnceAndTheNextOneToo() throws Exception {
        byte[] first = message(0, 0);
        byte[] second = message(0, 1);
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel accepted = server.accept()) {
            Receiver receiver = new Receiver(accepted, 0, 1, SIZE);
            try (ReceiverLoop loop = ReceiverLoop.start(List.of(receiver), "test-members")) {
                int cut = Marker.LENGTH + 2;
                client.write(ByteBuffer.wrap(first, 0, cut));
                awaitUntil(() -> receiver.received() == 1); // read before the rest of its padding came
                client.write(ByteBuffer.wrap(java.util.Arrays.copyOfRange(first, cut, first.length)));
                client.write(ByteBuffer.wrap(second));
                awaitUntil(() -> receiver.received() == 2);
                assertThat(receiver.errors()).isZero();
                assertThat(receiver.next(0)).isEqualTo(2);
            }
        }
    }

    @Test
    void aMemberWhoseReaderFailsStopsWithTheReasonAndTheOthersGoOn() throws Exception {
        try (TwoMembers m = new TwoMembers()) {
            Receiver failing = new Receiver(m.a, 0, 1, SIZE);
            Receiver other = new Receiver(m.b, 1, 1, SIZE);
            // a histogram that takes no latency of a message planned at time 0: recording throws
            failing.phase(new Receiver.Phase(0, Long.MAX_VALUE, new Histogram[] {new Histogram(2, 0)}));
            try (ReceiverLoop loop = ReceiverLoop.start(List.of(failing, other), "test-members")) {
                send(m.toA, new int[][] {{0, 0}});
                awaitUntil(failing::done);
                send(m.toB, new int[][] {{0, 0}, {0, 1}});
                awaitUntil(() -> other.received() == 2);

                assertThat(failing.failure()).isInstanceOf(RuntimeException.class);
                assertThat(other.done()).isFalse();
                assertThat(other.failure()).isNull();
            }
        }
    }

    @Test
    void oneLoopReadsSeveralMembersAndOneThatEndsLeavesTheOthersReading() throws Exception {
        try (TwoMembers m = new TwoMembers()) {
            Receiver first = new Receiver(m.a, 0, 1, SIZE);
            Receiver second = new Receiver(m.b, 1, 1, SIZE);
            try (ReceiverLoop loop = ReceiverLoop.start(List.of(first, second), "test-members")) {
                send(m.toA, new int[][] {{0, 0}, {0, 1}});
                m.toA.close();
                awaitUntil(first::done);
                send(m.toB, new int[][] {{0, 0}, {0, 1}, {0, 2}});
                awaitUntil(() -> second.received() == 3);

                assertThat(first.received()).isEqualTo(2);
                assertThat(second.done()).isFalse();
                assertThat(first.errors() + second.errors()).isZero();
            }
            assertThat(second.done()).as("closing the loop ends its receivers").isTrue();
        }
    }

    @Test
    void interleavedSendersEachInOrderAreNoError() throws Exception {
        Receiver receiver = receive(2, new int[][] {{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 2}, {1, 2}});

        assertThat(receiver.received()).isEqualTo(6);
        assertThat(receiver.errors()).isZero();
        assertThat(receiver.next(0)).isEqualTo(3);
        assertThat(receiver.next(1)).isEqualTo(3);
    }

    @Test
    void aGapInOneSendersMessagesIsAnErrorAndTheOtherSenderIsNotBlamed() throws Exception {
        Receiver receiver = receive(2, new int[][] {{0, 0}, {1, 0}, {1, 2}, {0, 1}});

        assertThat(receiver.errors()).isEqualTo(1);
        assertThat(receiver.next(0)).isEqualTo(2);
        assertThat(receiver.next(1)).isEqualTo(3);
    }

    @Test
    void aSenderOutOfRangeIsAnError() throws Exception {
        Receiver receiver = receive(1, new int[][] {{0, 0}, {5, 0}});

        assertThat(receiver.errors()).isEqualTo(1);
        assertThat(receiver.next(0)).isEqualTo(1);
    }
}
