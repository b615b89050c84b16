package parley.api.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import parley.api.wire.FrameReader;
import parley.api.wire.FrameTooLongException;
import parley.api.wire.Frames;

/**
 * Fuzzing of the shared frame reader: frames cut into chunks of any size come out whole and in order;
 * any bytes at all end in frames, a refusal of a length over the limit, or an end of stream, never in
 * anything else.
 */
class FrameReaderFuzzTest {

    private static final int LIMIT = 40_000;

    @Property(tries = 1000)
    void framesCutAnyWayComeOutWholeAndInOrder(@ForAll @Size(max = 12) List<@Size(max = 30_000) byte[]> payloads,
                                               @ForAll long seed, @ForAll @IntRange(min = 1, max = 70_000) int chunk,
                                               @ForAll boolean direct) throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (byte[] payload : payloads) {
            stream.write(Frames.frame(payload));
        }
        ChunkedChannel channel = new ChunkedChannel(stream.toByteArray(), seed, chunk);
        FrameReader reader = direct ? FrameReader.direct(channel, LIMIT) : FrameReader.releasingWhenIdle(channel, LIMIT);
        List<byte[]> read = new ArrayList<>();
        ByteBuffer next;
        while ((next = reader.next()) != null) {
            byte[] copy = new byte[next.remaining()];
            next.get(copy);
            read.add(copy);
        }
        assertThat(read).hasSameSizeAs(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(read.get(i)).isEqualTo(payloads.get(i));
        }
    }

    @Property(tries = 3000)
    void anyBytesEndInFramesARefusalOrAnEndOfStream(@ForAll @Size(max = 2_000) byte[] bytes, @ForAll long seed,
                                                     @ForAll @IntRange(min = 1, max = 64) int chunk) {
        FrameReader reader = FrameReader.of(new ChunkedChannel(bytes, seed, chunk), LIMIT);
        int frames = 0;
        try {
            while (reader.next() != null) {
                frames++;
                if (frames > bytes.length) {
                    fail("more frames than bytes");
                }
            }
        } catch (FrameTooLongException e) {
            assertThat(e.length()).isGreaterThan(LIMIT);
        } catch (EOFException e) {
            assertThat(e.getMessage()).isNotBlank(); // cut inside a header or a payload
        } catch (IOException e) {
            fail("only a refusal or an end of stream may come from bytes alone, got " + e);
        }
    }
}
