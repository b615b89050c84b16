package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The transport's frames, written in pieces of any size, come back as the same payloads, in order. */
class OutgoingTest {

    @Property(tries = 200)
    void framesCutAnywhereComeBackWhole(@ForAll @Size(max = 8) List<@Size(max = 300) byte[]> payloads,
                                        @ForAll @IntRange(min = 1, max = 50) int piece) {
        ByteBuffer stream = ByteBuffer.allocate(payloads.stream().mapToInt(p -> 4 + p.length).sum());
        for (byte[] payload : payloads) {
            stream.putInt(payload.length).put(payload);
        }
        stream.flip();
        Outgoing outgoing = new Outgoing();
        List<byte[]> out = new ArrayList<>();
        while (stream.hasRemaining()) {
            ByteBuffer part = stream.slice(stream.position(), Math.min(piece, stream.remaining()));
            stream.position(stream.position() + part.remaining());
            byte[] payload;
            while ((payload = outgoing.next(part)) != null) {
                out.add(payload);
            }
            assertThat(part.hasRemaining()).isFalse();
        }
        assertThat(out).hasSameSizeAs(payloads);
        for (int i = 0; i < payloads.size(); i++) {
            assertThat(out.get(i)).isEqualTo(payloads.get(i));
        }
    }
}
