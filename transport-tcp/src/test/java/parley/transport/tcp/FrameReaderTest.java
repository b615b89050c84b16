package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.wire.Frames;

/** The client's frame reader over a real loopback socket: small, straddling and large frames, and broken streams. */
class FrameReaderTest {

    private final SocketPair sockets = SocketPair.open(); // a new connection for each test

    @AfterEach
    void close() throws IOException {
        sockets.close();
    }

    @Test
    void framesOfEverySizeComeBackWhole() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        List<byte[]> payloads = new ArrayList<>();
        for (int size : new int[] {0, 1, 100, FrameReader.BUFFER - 4, FrameReader.BUFFER, FrameReader.BUFFER + 1,
                300_000, 5, 1 << 20, 17, 70_000, 3}) {
            byte[] payload = new byte[size];
            random.nextBytes(payload);
            payloads.add(payload);
        }
        Thread writing = Thread.ofVirtual().start(() -> {
            try {
                for (byte[] payload : payloads) {
                    ByteBuffer frame = ByteBuffer.wrap(Frames.frame(payload));
                    while (frame.hasRemaining()) {
                        sockets.near().write(frame);
                    }
                }
                sockets.near().shutdownOutput();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        FrameReader frames = new FrameReader(sockets.far(), 1 << 20);
        for (byte[] payload : payloads) {
            ByteBuffer read = frames.next();
            byte[] bytes = new byte[read.remaining()];
            read.get(bytes);
            assertThat(bytes).isEqualTo(payload);
        }
        assertThat(frames.next()).as("a clean end between frames").isNull();
        writing.join();
    }

    @Test
    void aFrameOverTheLimitIsRefusedFromItsHeader() throws Exception {
        sockets.near().write(ByteBuffer.allocate(4).putInt(0, 2_000_000));
        FrameReader frames = new FrameReader(sockets.far(), 1 << 20);
        assertThatThrownBy(frames::next).isInstanceOf(FrameReader.TooLong.class)
                .hasMessageContaining("2000000").hasMessageContaining("limit of 1048576");
    }

    @Test
    void anEndInsideAFrameIsAnError() throws Exception {
        ByteBuffer partial = ByteBuffer.allocate(4 + 50_000).putInt(0, 100_000);
        while (partial.hasRemaining()) {
            sockets.near().write(partial);
        }
        sockets.near().shutdownOutput();
        FrameReader frames = new FrameReader(sockets.far(), 1 << 20);
        assertThatThrownBy(frames::next).isInstanceOf(EOFException.class).hasMessageContaining("middle of a frame");
    }

    @Test
    void anEndInsideAHeaderIsAnError() throws Exception {
        sockets.near().write(ByteBuffer.wrap(new byte[] {0, 0}));
        sockets.near().shutdownOutput();
        FrameReader frames = new FrameReader(sockets.far(), 1 << 20);
        assertThatThrownBy(frames::next).isInstanceOf(EOFException.class);
    }
}
