package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Finding a marker eight bytes at a time gives what a byte-by-byte search gives. */
class MarkerTest {

    @Test
    void aMarkerIsFoundAtEveryPositionOfAWordAndOfTheTail() {
        for (int size = 0; size <= 20; size++) {
            for (int at = 0; at < size; at++) {
                byte[] buf = new byte[size];
                java.util.Arrays.fill(buf, (byte) 'x');
                buf[at] = Marker.START;
                assertThat(Marker.find(buf, 0, size)).as("size %d, # at %d", size, at).isEqualTo(at);
                assertThat(Marker.find(buf, at + 1, size)).as("after it").isEqualTo(-1);
            }
        }
    }

    @Test
    void theFirstOfSeveralIsFoundAndBytesAboveAndBelowItDoNotFoolTheSearch() {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] buf = new byte[1 + random.nextInt(64)];
            random.nextBytes(buf); // every byte value, '#' - 1, '#' + 1 and those with the high bit among them
            int from = random.nextInt(buf.length);
            int end = from + random.nextInt(buf.length - from + 1);
            assertThat(Marker.find(buf, from, end)).isEqualTo(naive(buf, from, end));
        }
    }

    @Test
    void aMessageBodyStartsWithItsMarker() {
        byte[] body = Marker.body(100, 42);
        assertThat(Marker.find(body, 0, body.length)).isZero();
        assertThat(Marker.find(body, 1, body.length)).isEqualTo(-1);
    }

    private static int naive(byte[] buf, int from, int end) {
        for (int i = from; i < end; i++) {
            if (buf[i] == Marker.START) {
                return i;
            }
        }
        return -1;
    }
}
