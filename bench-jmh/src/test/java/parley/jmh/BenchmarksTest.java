package parley.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.infra.Blackhole;

import parley.api.Message;
import parley.api.wire.FrameReader;
import parley.api.wire.Frames;

/** The benchmarks work on what they claim to, and each runs once without failing; no timing here. */
class BenchmarksTest {

    private static final Blackhole SINK = new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");

    @Test
    void theFramesBlockDecodesToItsMessagesStampedAndTheLinesToThemWithout() throws Exception {
        List<Message> decoded = new ArrayList<>();
        FrameReader reader = FrameReader.of(Channels.newChannel(new ByteArrayInputStream(Blocks.frames())),
                Frames.DEFAULT_MAX_FRAME_BYTES);
        ByteBuffer payload;
        while ((payload = reader.next()) != null) {
            decoded.add(Blocks.CODEC.decodeFrame(payload.array(), payload.arrayOffset() + payload.position(),
                    payload.remaining()));
        }
        // compared as text: a number put as a long and the same number parsed are different node types
        assertThat(decoded).hasSize(Blocks.MESSAGES).map(Message::toString)
                .isEqualTo(Blocks.messages(true).stream().map(Message::toString).toList());
        assertThat(decoded.get(7).text("msg")).hasSize(100);

        byte[] lines = Blocks.lines();
        List<Message> fromLines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                fromLines.add(Blocks.CODEC.decodeLine(lines, start, i - start));
                start = i + 1;
            }
        }
        assertThat(fromLines).map(Message::toString)
                .isEqualTo(Blocks.messages(false).stream().map(Message::toString).toList());
    }

    @Test
    void bytesPerOperationAreTheBlocksSizes() {
        assertThat(Blocks.bytesPerOperation("decodeFrames")).isEqualTo(Blocks.frames().length);
        assertThat(Blocks.bytesPerOperation("encodeLegacyLines")).isEqualTo(Blocks.lines().length);
        assertThat(Blocks.describe()).contains(Blocks.MESSAGES + " messages");
    }

    @Test
    void eachBenchmarkRunsOnce() throws Exception {
        FrameCodecBenchmark frames = new FrameCodecBenchmark();
        frames.setUp();
        frames.decodeFrames(SINK);
        frames.encodeFrames(SINK);
        LegacyLineBenchmark lines = new LegacyLineBenchmark();
        lines.setUp();
        lines.decodeLegacyLines(SINK);
        lines.encodeLegacyLines(SINK);
    }
}
