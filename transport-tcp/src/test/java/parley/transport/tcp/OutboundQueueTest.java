package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.wire.BinaryFrame;
import parley.api.wire.Frames;

/** The outbound queue's caller-owned data buffers, over a real loopback socket: written as they are, released once. */
class OutboundQueueTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    private final SocketPair sockets = SocketPair.open(); // a new connection for each test

    @AfterEach
    void close() throws IOException {
        sockets.close();
    }

    @Test
    void aDataBufferIsWrittenAfterItsHeaderBetweenMessagesAndReleasedOnce() throws Exception {
        OutboundQueue queue = new OutboundQueue(sockets.near(), 1 << 20, e -> { });
        byte[] data = new byte[100_000];
        Arrays.fill(data, (byte) 7);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        AtomicInteger released = new AtomicInteger();

        assertThat(queue.offer("{\"type\":\"A\"}".getBytes())).isEqualTo(OutboundQueue.Offer.QUEUED);
        assertThat(queue.offer(BinaryFrame.head("t-1"), direct, released::incrementAndGet))
                .isEqualTo(OutboundQueue.Offer.QUEUED);
        assertThat(queue.offer("{\"type\":\"B\"}".getBytes())).isEqualTo(OutboundQueue.Offer.QUEUED);

        byte[] expected = concat(Frames.frame("{\"type\":\"A\"}".getBytes()), Frames.frame(BinaryFrame.payload("t-1", data, 0, data.length)),
                Frames.frame("{\"type\":\"B\"}".getBytes()));
        assertThat(sockets.readFar(expected.length)).isEqualTo(expected);
        await().atMost(LONG).until(() -> released.get() == 1);
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
        assertThat(released.get()).isEqualTo(1);
    }

    @Test
    void buffersStillQueuedAreReleasedWhenTheConnectionIsAborted() throws Exception {
        OutboundQueue queue = new OutboundQueue(sockets.near(), 64L << 20, e -> { });
        AtomicInteger released = new AtomicInteger();
        int offers = 64; // 16 MiB to a peer that never reads: far more than the socket buffers take
        for (int i = 0; i < offers; i++) {
            assertThat(queue.offer(BinaryFrame.head("t"), ByteBuffer.allocateDirect(256 * 1024),
                    released::incrementAndGet)).isEqualTo(OutboundQueue.Offer.QUEUED);
        }
        queue.discard(); // as TcpConnection.abort does: drop what is queued, then close the channel
        sockets.near().close(); // the write in progress fails, and its buffers are released too
        await().atMost(LONG).until(() -> released.get() == offers);
        assertThat(queue.offer(BinaryFrame.head("t"), ByteBuffer.allocateDirect(1), released::incrementAndGet))
                .isEqualTo(OutboundQueue.Offer.CLOSED);
        assertThat(released.get()).isEqualTo(offers + 1);
    }

    @Test
    void anOverflowReleasesTheOfferedBufferAndEverythingQueued() throws IOException {
        OutboundQueue queue = new OutboundQueue(sockets.near(), 1 << 20, e -> { });
        AtomicInteger released = new AtomicInteger();
        OutboundQueue.Offer offer;
        int offers = 0;
        do {
            offer = queue.offer(BinaryFrame.head("t"), ByteBuffer.allocateDirect(256 * 1024),
                    released::incrementAndGet);
            offers++;
        } while (offer == OutboundQueue.Offer.QUEUED && offers < 1000);
        assertThat(offer).isEqualTo(OutboundQueue.Offer.OVERFLOW);
        int total = offers;
        await().atMost(LONG).until(() -> released.get() >= total - 1); // all but the one being written
        sockets.near().close(); // as TcpConnection does after an overflow: that write fails, and its buffer comes back
        await().atMost(LONG).until(() -> released.get() == total);
    }


    @Test
    void theBudgetCountsWhatIsQueuedWithinOneStepAndNothingOnceWritten() throws Exception {
        OutboundBudget budget = new OutboundBudget(Long.MAX_VALUE);
        OutboundQueue queue = new OutboundQueue(sockets.near(), 64L << 20, budget, new Traffic(), 0, e -> { });
        byte[] payload = new byte[1_000];
        long total = 0;
        for (int i = 0; i < 20_000; i++) { // 20 MB to a peer that reads nothing yet: more than the sockets hold
            assertThat(queue.offer(payload)).isEqualTo(OutboundQueue.Offer.QUEUED);
            total += Frames.HEADER_BYTES + payload.length;
        }
        await().atMost(LONG).untilAsserted(() -> { // the writer is stuck on the full socket: nothing moves
            long queued = queue.queuedBytes();
            assertThat(queued).isPositive();
            assertThat(budget.used()).as("the budget counts what is queued, and at most one step more")
                    .isBetween(queued, queued + OutboundQueue.RESERVE_STEP);
            assertThat(queue.queuedBytes()).isEqualTo(queued);
        });
        sockets.readFar((int) total);
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
        await().atMost(LONG).until(() -> budget.used() == 0);
        for (int i = 0; i < 100; i++) { // many small batches, each written before the next: nothing stays counted
            assertThat(queue.offer(payload)).isEqualTo(OutboundQueue.Offer.QUEUED);
            sockets.readFar(Frames.HEADER_BYTES + payload.length);
            assertThat(queue.awaitBelow(0, LONG)).isTrue();
        }
        await().atMost(LONG).until(() -> budget.used() == 0);
    }


    private static byte[] concat(byte[]... parts) {
        ByteBuffer all = ByteBuffer.allocate(Arrays.stream(parts).mapToInt(p -> p.length).sum());
        for (byte[] part : parts) {
            all.put(part);
        }
        return all.array();
    }
}
