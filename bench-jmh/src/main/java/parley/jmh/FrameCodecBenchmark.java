package parley.jmh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.FrameReader;
import parley.api.wire.Frames;
import parley.api.wire.ProtocolException;

/**
 * The framed form: {@code [uint32 length][JSON]}. Decoding is what a server's reader does with what a
 * client sends (the shared {@link FrameReader}, then the codec's checks and JSON parse); encoding is
 * what a server does once per broadcast (the JSON bytes and their header).
 */
public class FrameCodecBenchmark extends CodecBenchmark {

    private byte[] frames;
    private List<Message> messages;

    @Setup
    public void setUp() {
        frames = Blocks.frames();
        messages = Blocks.messages(true);
    }

    @Benchmark
    public void decodeFrames(Blackhole sink) throws IOException, ProtocolException {
        FrameReader reader = FrameReader.of(Channels.newChannel(new ByteArrayInputStream(frames)),
                Frames.DEFAULT_MAX_FRAME_BYTES);
        ByteBuffer payload;
        while ((payload = reader.next()) != null) {
            sink.consume(Blocks.CODEC.decodeFrame(payload.array(), payload.arrayOffset() + payload.position(),
                    payload.remaining()));
        }
    }

    @Benchmark
    public void encodeFrames(Blackhole sink) {
        for (Message message : messages) {
            byte[] payload = Blocks.CODEC.encode(message, PayloadForm.JSON);
            sink.consume(Frames.header(payload.length));
            sink.consume(payload);
        }
    }
}
