package parley.jmh;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.ProtocolException;

/**
 * The legacy form: {@code MSG "room" "pseudo" "text"\n}. Decoding splits the lines as the server's line
 * reader does (at each {@code \n}) and parses each with the codec (UTF-8 check, quoting, the verb's
 * shape); encoding renders a message as a line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
public class LegacyLineBenchmark {

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
