package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.wire.Frames;

/**
 * The writers a reader thread holds back, over a real loopback socket: a burst goes out in one write when
 * the reader flushes; an offer from a thread that is not a reader, a wait for the queue to drain, or a
 * shut never waits for the reader, and one from another reader waits for the first of their flushes.
 */
class DeferredWritersTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private static final byte[] PAYLOAD = new byte[100];

    private final SocketPair sockets = SocketPair.open();
    private final Traffic traffic = new Traffic();
    private final OutboundQueue queue = new OutboundQueue(sockets.near(), 1 << 20, new OutboundBudget(Long.MAX_VALUE),
            traffic, 0, e -> { });
    private final AwakeReaders awake = new AwakeReaders();
    private DeferredWriters writers;

    @AfterEach
    void close() throws IOException {
        if (writers != null) {
            writers.close();
        }
        sockets.close();
    }

    @Test
    void aBurstOfferedOnAReaderThreadIsHeldThenWrittenInOneGo() throws Exception {
        writers = DeferredWriters.open(awake);
        for (int i = 0; i < 100; i++) {
            assertThat(queue.offer(PAYLOAD)).isEqualTo(OutboundQueue.Offer.QUEUED);
        }
        assertThat(queue.held()).isTrue();
        assertThat(traffic.writes()).isZero();

        writers.flush();
        sockets.readFar(100 * (Frames.HEADER_BYTES + PAYLOAD.length));
        assertThat(queue.held()).isFalse();
        assertThat(queue.awaitBelow(0, LONG)).isTrue(); // counted as written once the write returned
        assertThat(traffic.writes()).as("100 messages, 10,400 bytes: one batch").isBetween(1L, 3L);
    }

    @Test
    void anOfferFromAThreadThatIsNotAReaderStartsTheHeldWriter() throws Exception {
        writers = DeferredWriters.open(awake);
        queue.offer(PAYLOAD);
        assertThat(queue.held()).isTrue();
        CompletableFuture.runAsync(() -> queue.offer(PAYLOAD)).get();

        sockets.readFar(2 * (Frames.HEADER_BYTES + PAYLOAD.length)); // without a flush by the reader
        assertThat(queue.held()).isFalse();
    }

    @Test
    void anOfferFromAnotherReaderIsHeldUntilTheFirstOfTheirFlushes() throws Exception {
        writers = DeferredWriters.open(awake); // this thread: reader A, which never flushes here
        queue.offer(PAYLOAD);
        CompletableFuture.runAsync(() -> { // reader B
            DeferredWriters other = DeferredWriters.open(awake);
            try {
                queue.offer(PAYLOAD);
                assertThat(queue.held()).as("held by B now").isTrue();
            } finally {
                other.close(); // B's flush starts the writer
            }
        }).get();

        sockets.readFar(2 * (Frames.HEADER_BYTES + PAYLOAD.length));
        assertThat(queue.held()).isFalse();
        writers.flush(); // A's flush finds nothing left to start
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
    }

    @Test
    void waitingForTheQueueToDrainStartsTheHeldWriter() throws Exception {
        writers = DeferredWriters.open(awake);
        queue.offer(PAYLOAD);
        CompletableFuture<byte[]> read = CompletableFuture.supplyAsync(() -> {
            try {
                return sockets.readFar(Frames.HEADER_BYTES + PAYLOAD.length);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(queue.awaitBelow(0, LONG)).isTrue();
        assertThat(read.get().length).isEqualTo(Frames.HEADER_BYTES + PAYLOAD.length);

        queue.offer(PAYLOAD);
        assertThat(queue.held()).isTrue();
        queue.closeAfterDrain(LONG); // as a BYE read in the same burst does
        sockets.readFar(Frames.HEADER_BYTES + PAYLOAD.length);
        assertThat(queue.offer(PAYLOAD)).isEqualTo(OutboundQueue.Offer.CLOSED);
    }

    @Test
    void aQueueShutWhileHeldStartsNoWriterAndTheFlushSkipsIt() {
        writers = DeferredWriters.open(awake);
        queue.offer(PAYLOAD);
        queue.discard();
        assertThat(queue.held()).isFalse();
        writers.flush();
        assertThat(traffic.writes()).isZero();
        assertThat(queue.queuedBytes()).isZero();
    }

    @Test
    void offersOnOtherThreadsAreNotHeld() throws Exception {
        CompletableFuture.runAsync(() -> queue.offer(PAYLOAD)).get();
        sockets.readFar(Frames.HEADER_BYTES + PAYLOAD.length);
        await().atMost(LONG).until(() -> traffic.writes() == 1);
        assertThat(queue.held()).isFalse();
    }

}
