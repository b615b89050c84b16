package parley.jmh;

import java.util.List;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.ProtocolException;

/**
 * The legacy form: {@code MSG "room" "pseudo" "text"\n}. Decoding splits the lines as the server's line
 * reader does (at each {@code \n}) and parses each with the codec (UTF-8 check, quoting, the verb's
 * shape); encoding renders a message as a line.
 */
public class LegacyLineBenchmark extends CodecBenchmark {

    private byte[] lines;
    private List<Message> messages;

    @Setup
    public void setUp() {
        lines = Blocks.lines();
        messages = Blocks.messages(false);
    }

    @Benchmark
    public void decodeLegacyLines(Blackhole sink) throws ProtocolException {
        int start = 0;
        for (int i = 0; i < lines.length; i++) {
            if (lines[i] == '\n') {
                sink.consume(Blocks.CODEC.decodeLine(lines, start, i - start));
                start = i + 1;
            }
        }
    }

    @Benchmark
    public void encodeLegacyLines(Blackhole sink) {
        for (Message message : messages) {
            sink.consume(Blocks.CODEC.encode(message, PayloadForm.LINE));
        }
    }
}
