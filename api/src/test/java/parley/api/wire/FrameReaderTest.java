package parley.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The shared frame reader over real channels (a pipe, a loopback socket). */
class FrameReaderTest {

    private static final int MAX = 1 << 20;

    private final Pipe pipe = open();

    private static Pipe open() {
        try {
            return Pipe.open();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterEach
    void close() throws IOException {
        pipe.sink().close();
        pipe.source().close();
    }

    /** Writes on a thread of its own (a pipe blocks when full), then ends the stream unless told not to. */
    private Thread write(byte[] bytes, boolean end) {
        return Thread.ofVirtual().start(() -> {
            try {
                ByteBuffer out = ByteBuffer.wrap(bytes);
                while (out.hasRemaining()) {
                    pipe.sink().write(out);
                }
                if (end) {
                    pipe.sink().close();
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private static List<byte[]> payloads(int... sizes) {
        SplittableRandom random = new SplittableRandom(42);
        List<byte[]> payloads = new ArrayList<>();
        for (int size : sizes) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        return payloads;
    }

    private static byte[] framed(List<byte[]> payloads) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        payloads.forEach(p -> all.writeBytes(Frames.frame(p)));
        return all.toByteArray();
    }

    @Test
    void framesOfSizesAroundTheBufferEdgesComeBackWhole() throws Exception {
        int edge = FrameReader.INITIAL_CAPACITY;
        for (FrameReader reader : List.of(FrameReader.of(pipe.source(), MAX))) {
            List<byte[]> payloads = payloads(0, 1, 100, edge - 4, edge - 5, edge - 3, edge, edge + 1, 2 * edge - 4,
                    300_000, 5, MAX, 17, 70_000, 3, MAX - 1);
            Thread writing = write(framed(payloads), true);
            for (byte[] payload : payloads) {
                assertThat(bytes(reader.next())).isEqualTo(payload);
            }
            assertThat(reader.next()).as("a clean end between frames").isNull();
            writing.join();
        }
    }

    @Test
    void aDirectReaderOverALoopbackSocketReadsLargeFramesWhole() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             SocketChannel near = SocketChannel.open(server.getLocalAddress());
             SocketChannel far = server.accept()) {
            List<byte[]> payloads = payloads(3, MAX, 40_000, MAX, 1);
            Thread writing = Thread.ofVirtual().start(() -> {
                try {
                    ByteBuffer out = ByteBuffer.wrap(framed(payloads));
                    while (out.hasRemaining()) {
                        near.write(out);
                    }
                    near.shutdownOutput();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            FrameReader reader = FrameReader.direct(far, MAX);
            for (byte[] payload : payloads) {
                ByteBuffer read = reader.next();
                assertThat(read.isDirect()).isTrue();
                assertThat(bytes(read)).isEqualTo(payload);
            }
            assertThat(reader.next()).isNull();
            writing.join();
        }
    }

    @Test
    void severalFramesInOneWriteAreReadWithoutAskingForMore() throws Exception {
        List<byte[]> payloads = payloads(10, 20, 30, 40);
        write(framed(payloads), false).join();
        FrameReader reader = FrameReader.of(pipe.source(), MAX);
        for (byte[] payload : payloads) {
            assertThat(bytes(reader.next())).isEqualTo(payload); // the stream stays open: a further read would block
        }
    }

    @Test
    void aFrameSplitAcrossManyWritesComesBackWhole() throws Exception {
        byte[] frame = framed(payloads(50_000));
        Thread writing = Thread.ofVirtual().start(() -> {
            try {
                for (int at = 0; at < frame.length; at += 7) {
                    ByteBuffer piece = ByteBuffer.wrap(frame, at, Math.min(7, frame.length - at));
                    while (piece.hasRemaining()) {
                        pipe.sink().write(piece);
                    }
                }
                pipe.sink().close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FrameReader reader = FrameReader.releasingWhenIdle(pipe.source(), MAX);
        assertThat(bytes(reader.next())).isEqualTo(payloads(50_000).get(0));
        assertThat(reader.next()).isNull();
        writing.join();
    }

    @Test
    void aLengthOverTheLimitIsRefusedFromTheHeaderAlone() throws Exception {
        write(Frames.header(2_000_000), false).join();
        FrameReader reader = FrameReader.of(pipe.source(), MAX);
        assertThatThrownBy(reader::next).isInstanceOfSatisfying(FrameTooLongException.class, e -> {
            assertThat(e.length()).isEqualTo(2_000_000);
            assertThat(e.limit()).isEqualTo(MAX);
        });
    }

    @Test
    void anEndInsideAHeaderAndAnEndInsideAPayloadAreTold() throws Exception {
        write(new byte[] {0, 0}, true).join();
        assertThatThrownBy(FrameReader.of(pipe.source(), MAX)::next)
                .isInstanceOfSatisfying(TruncatedFrameException.class, e -> assertThat(e.inHeader()).isTrue())
                .hasMessageContaining("middle of a frame");
    }

    @Test
    void anEndInsideAPayloadIsNotAnEndInsideAHeader() throws Exception {
        byte[] partial = new byte[4 + 50_000];
        System.arraycopy(Frames.header(100_000), 0, partial, 0, 4);
        write(partial, true).join();
        assertThatThrownBy(FrameReader.of(pipe.source(), MAX)::next)
                .isInstanceOfSatisfying(TruncatedFrameException.class, e -> assertThat(e.inHeader()).isFalse())
                .hasMessageContaining("middle of a frame");
    }

    @Test
    void anEmptyStreamIsACleanEnd() throws Exception {
        pipe.sink().close();
        assertThat(FrameReader.releasingWhenIdle(pipe.source(), MAX).next()).isNull();
    }

    @Test
    void memoryGrowsWithTheBytesThatArriveNotWithTheHeader() throws Exception {
        byte[] start = new byte[4 + 5];
        System.arraycopy(Frames.header(MAX), 0, start, 0, 4);
        write(start, false).join();
        FrameReader reader = FrameReader.of(pipe.source(), MAX);
        Thread reading = Thread.ofVirtual().start(() -> {
            try {
                reader.next();
            } catch (IOException e) {
                // the pipe closes at the end of the test
            }
        });
        // until it waits for the rest of the payload
        await().atMost(Duration.ofSeconds(30)).until(() -> reading.getState() == Thread.State.WAITING || !reading.isAlive());
        assertThat(reader.capacity()).isEqualTo(FrameReader.INITIAL_CAPACITY);
        pipe.sink().close();
        reading.join();
    }

    @Test
    void anIdleServerReaderHoldsNoBuffer() throws Exception {
        write(framed(payloads(100, 200)), false).join();
        FrameReader reader = FrameReader.releasingWhenIdle(pipe.source(), MAX);
        reader.next();
        reader.next();
        assertThat(reader.capacity()).isPositive();
        write(framed(payloads(300)), false).join();
        assertThat(bytes(reader.next())).hasSize(300);
        Thread waiting = Thread.ofVirtual().start(() -> {
            try {
                reader.next();
            } catch (IOException e) {
                // the pipe closes at the end of the test
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> waiting.getState() == Thread.State.WAITING || !waiting.isAlive());
        assertThat(reader.capacity()).as("no buffer while waiting for the next frame").isZero();
        pipe.sink().close();
        waiting.join();
    }

    @Test
    void bytesReadAheadAreHandedOver() throws Exception {
        byte[] frame = Frames.frame(new byte[] {1, 2, 3});
        byte[] both = new byte[frame.length + 4];
        System.arraycopy(frame, 0, both, 0, frame.length);
        System.arraycopy(new byte[] {9, 8, 7, 6}, 0, both, frame.length, 4);
        write(both, false).join();
        FrameReader reader = FrameReader.of(pipe.source(), MAX);
        assertThat(bytes(reader.next())).containsExactly(1, 2, 3);
        assertThat(bytes(reader.takeReadAhead())).containsExactly(9, 8, 7, 6);
        assertThat(bytes(reader.takeReadAhead())).isEmpty();
    }
}
