package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.wire.Frames;

/**
 * A reader's flush writes to the members' sockets itself, without waiting, and hands a full socket over
 * to a writer thread ({@link OutboundQueue#startDeferred}, {@link PolledSocket}); over real loopback sockets.
 */
class InlineWritesTest {

    /** For liveness only: a flush that waited for a peer that never reads would never return. */
    private static final Duration LONG = Duration.ofSeconds(30);

    private final SocketPair sockets = SocketPair.open();

    @AfterEach
    void close() throws IOException {
        sockets.close();
    }

    @Test
    void aFlushWritesOnItsOwnThreadBeforeItReturns() throws Exception {
        Traffic traffic = new Traffic();
        OutboundQueue queue = polledQueue(1 << 20, traffic);
        int count = (int) (OutboundQueue.INLINE_MIN_BYTES / 1_000) + 1; // just over what the flush writes itself
        long total = count * (long) (Frames.HEADER_BYTES + 1_000);
        AwakeReaders awake = new AwakeReaders();
        awake.enter(); // another reader is awake: only INLINE_MIN_BYTES or more are written inline
        DeferredWriters writers = DeferredWriters.open(awake);
        try {
            for (int i = 0; i < count; i++) {
                assertThat(queue.offer(payload(i))).isEqualTo(OutboundQueue.Offer.QUEUED);
            }
            assertThat(traffic.writtenTotal()).as("held back until the flush").isZero();
            writers.flush();
            assertThat(traffic.writtenTotal()).as("written by the flush itself, not by a thread started for it")
                    .isEqualTo(total);
            assertThat(queue.queuedBytes()).isZero();
        } finally {
            writers.close();
        }
        for (int i = 0; i < count; i++) {
            assertThat(sockets.readFar(Frames.HEADER_BYTES + 1_000)).isEqualTo(Frames.frame(payload(i)));
        }
    }

    @Test
    void aFlushOfLessThanTheInlineMinimumArrivesToo() throws Exception {
        OutboundQueue queue = polledQueue(1 << 20, new Traffic());
        DeferredWriters writers = DeferredWriters.open(new AwakeReaders());
        try {
            assertThat(queue.offer(payload(1))).isEqualTo(OutboundQueue.Offer.QUEUED);
            writers.flush();
            assertThat(queue.held()).as("no longer held back").isFalse();
        } finally {
            writers.close();
        }
        assertThat(sockets.readFar(Frames.HEADER_BYTES + 1_000)).isEqualTo(Frames.frame(payload(1)));
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
    }

    @Test
    void aReaderAloneWritesEvenOneSmallMessageItself() throws Exception {
        Traffic traffic = new Traffic();
        OutboundQueue queue = polledQueue(1 << 20, traffic);
        DeferredWriters writers = DeferredWriters.open(new AwakeReaders()); // no other reader awake: a steady stream
        try {
            assertThat(queue.offer(payload(1))).isEqualTo(OutboundQueue.Offer.QUEUED);
            writers.flush();
            assertThat(traffic.writtenTotal()).as("written by the flush itself, under INLINE_MIN_BYTES")
                    .isEqualTo(Frames.HEADER_BYTES + 1_000);
            assertThat(traffic.inlineWrites()).isEqualTo(1);
        } finally {
            writers.close();
        }
        assertThat(sockets.readFar(Frames.HEADER_BYTES + 1_000)).isEqualTo(Frames.frame(payload(1)));
    }

    @Test
    void withAnotherReaderAwakeASmallBatchIsLeftToAWriterThread() throws Exception {
        Traffic traffic = new Traffic();
        OutboundQueue queue = polledQueue(1 << 20, traffic);
        AwakeReaders awake = new AwakeReaders();
        awake.enter(); // another reader, whose frames the writer thread may take in the same write
        DeferredWriters writers = DeferredWriters.open(awake);
        try {
            assertThat(queue.offer(payload(1))).isEqualTo(OutboundQueue.Offer.QUEUED);
            writers.flush();
        } finally {
            writers.close();
        }
        assertThat(sockets.readFar(Frames.HEADER_BYTES + 1_000)).isEqualTo(Frames.frame(payload(1)));
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
        assertThat(traffic.writes()).isEqualTo(1);
        assertThat(traffic.inlineWrites()).as("written by a writer thread").isZero();
    }

    @Test
    void aReaderWaitingForBytesDoesNotCountAsAwake() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        AwakeReaders awake = new AwakeReaders();
        CompletableFuture<int[]> reader = new CompletableFuture<>(); // bytes read, readers awake once it had them
        Thread.ofVirtual().start(() -> {
            DeferredWriters writers = DeferredWriters.open(awake);
            int[] seen = new int[2];
            try {
                seen[0] = socket.read(ByteBuffer.allocate(16));
                seen[1] = awake.count();
            } catch (IOException | RuntimeException e) {
                reader.completeExceptionally(e);
            } finally {
                writers.close();
            }
            reader.complete(seen);
        });
        org.awaitility.Awaitility.await().atMost(LONG).until(socket::readerWaiting);
        assertThat(awake.count()).as("waiting for bytes").isZero();

        sockets.far().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(reader.get(LONG.toSeconds(), TimeUnit.SECONDS)).as("read, then awake").containsExactly(3, 1);
        assertThat(awake.count()).as("its turn ended").isZero();
    }

    @Test
    void aFlushToAPeerThatDoesNotReadReturnsAndAWriterThreadWritesTheRestInOrder() throws Exception {
        Traffic traffic = new Traffic();
        OutboundQueue queue = polledQueue(64L << 20, traffic);
        int count = 16_000; // 16 MB: far more than the two sockets' buffers hold
        DeferredWriters writers = DeferredWriters.open(new AwakeReaders());
        try {
            for (int i = 0; i < count; i++) {
                assertThat(queue.offer(payload(i))).isEqualTo(OutboundQueue.Offer.QUEUED);
            }
            assertTimeoutPreemptively(LONG, writers::flush, "the flush waited for a peer that reads nothing");
        } finally {
            writers.close();
        }
        assertThat(traffic.writtenTotal()).as("the socket took some at once").isPositive();
        assertThat(queue.queuedBytes()).as("and not all: a writer thread has the rest").isPositive();
        for (int i = 0; i < count; i++) {
            byte[] expected = Frames.frame(payload(i));
            assertThat(sockets.readFar(expected.length)).as("frame %d", i).isEqualTo(expected);
        }
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
    }

    @Test
    void aBinaryFrameAmongPayloadsIsLeftToAWriterThreadAndEverythingArrivesInOrder() throws Exception {
        OutboundQueue queue = polledQueue(1 << 20, new Traffic());
        byte[] data = new byte[100_000];
        java.util.Arrays.fill(data, (byte) 9);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        java.util.concurrent.atomic.AtomicInteger released = new java.util.concurrent.atomic.AtomicInteger();
        DeferredWriters writers = DeferredWriters.open(new AwakeReaders());
        try {
            assertThat(queue.offer(payload(1))).isEqualTo(OutboundQueue.Offer.QUEUED);
            assertThat(queue.offer(parley.api.wire.BinaryFrame.head("t-1"), direct, released::incrementAndGet))
                    .isEqualTo(OutboundQueue.Offer.QUEUED);
            assertThat(queue.offer(payload(2))).isEqualTo(OutboundQueue.Offer.QUEUED);
            writers.flush();
        } finally {
            writers.close();
        }
        byte[][] expected = {Frames.frame(payload(1)), Frames.frame(parley.api.wire.BinaryFrame.payload("t-1", data, 0, data.length)),
                Frames.frame(payload(2))};
        for (byte[] frame : expected) {
            assertThat(sockets.readFar(frame.length)).isEqualTo(frame);
        }
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
        assertThat(released.get()).isEqualTo(1);
    }

    @Test
    void whatASmallSocketBufferDidNotTakeOfABatchIsWrittenByTheWriterThreadFirst() throws Exception {
        sockets.near().setOption(java.net.StandardSocketOptions.SO_SNDBUF, 4096);
        sockets.far().setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4096);
        Traffic traffic = new Traffic();
        OutboundQueue queue = polledQueue(64L << 20, traffic);
        int count = 300; // 300 KB: several batches, the first of which the socket takes only in part
        DeferredWriters writers = DeferredWriters.open(new AwakeReaders());
        try {
            for (int i = 0; i < count; i++) {
                assertThat(queue.offer(payload(i))).isEqualTo(OutboundQueue.Offer.QUEUED);
            }
            assertTimeoutPreemptively(LONG, writers::flush, "the flush waited for the peer");
        } finally {
            writers.close();
        }
        assertThat(traffic.writtenTotal()).as("part of the first batch").isPositive()
                .isLessThan(WriteBuffers.SIZE);
        for (int i = 0; i < count; i++) {
            byte[] expected = Frames.frame(payload(i));
            assertThat(sockets.readFar(expected.length)).as("frame %d", i).isEqualTo(expected);
        }
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
    }

    @Test
    void aReadWaitsForBytesAndAnotherThreadsCloseWakesIt() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> read(socket, ByteBuffer.allocate(16)));
        sockets.far().write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(first.get(LONG.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> read(socket, ByteBuffer.allocate(16)));
        socket.close();
        assertThatThrownBy(() -> waiting.get(LONG.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(java.io.UncheckedIOException.class)
                .hasRootCauseInstanceOf(ClosedChannelException.class);
    }

    @Test
    void aWriteToAFullSocketWaitsUntilThePeerReads() throws Exception {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        byte[] data = new byte[8 << 20];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            ByteBuffer source = ByteBuffer.wrap(data);
            try {
                while (source.hasRemaining()) {
                    socket.write(source);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(sockets.readFar(data.length)).isEqualTo(data);
        writer.get(LONG.toSeconds(), TimeUnit.SECONDS);
    }

    /** A queue that writes to the near end as a connection's queue does: through a {@link PolledSocket}. */
    private OutboundQueue polledQueue(long limit, Traffic traffic) throws IOException {
        PolledSocket socket = new PolledSocket(sockets.near(), Poller.shared());
        return new OutboundQueue(socket, limit, new OutboundBudget(Long.MAX_VALUE), traffic, 0, e -> { });
    }

    private static int read(PolledSocket socket, ByteBuffer into) {
        try {
            return socket.read(into);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] payload(int i) {
        byte[] payload = new byte[1_000];
        java.util.Arrays.fill(payload, (byte) i);
        payload[0] = (byte) (i >> 8);
        return payload;
    }

}
