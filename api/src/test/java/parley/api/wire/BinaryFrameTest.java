package parley.api.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BinaryFrameTest {

    private final byte[] data = {10, 20, 30, 40, 50};

    @Test
    void aPayloadParsesBackToItsTagAndData() throws Exception {
        byte[] frame = BinaryFrame.payload("s-7", data, 1, 3);
        assertThat(BinaryFrame.isBinary(frame, 0, frame.length)).isTrue();
        BinaryFrame.Parsed parsed = BinaryFrame.parse(frame, 0, frame.length);
        assertThat(parsed.tag()).isEqualTo("s-7");
        assertThat(Arrays.copyOfRange(frame, parsed.dataOffset(), parsed.dataOffset() + parsed.dataLength()))
                .containsExactly(20, 30, 40);
    }

    @Test
    void headThenDataAreThePayloadsBytes() {
        byte[] joined = BinaryFrame.payload("get-1", data, 0, data.length);
        byte[] header = BinaryFrame.head("get-1");
        byte[] written = new byte[header.length + data.length];
        System.arraycopy(header, 0, written, 0, header.length);
        System.arraycopy(data, 0, written, header.length, data.length);
        assertThat(written).isEqualTo(joined);
    }

    @Test
    void badTagsAreRefused() {
        assertThatThrownBy(() -> BinaryFrame.head("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinaryFrame.payload("x".repeat(65), data, 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BinaryFrame.parse(new byte[] {0, 9, 'a'}, 0, 3)).isInstanceOf(ProtocolException.class);
    }
}
