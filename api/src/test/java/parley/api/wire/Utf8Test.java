package parley.api.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class Utf8Test {

    private static int check(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8.firstInvalid(b, 0, b.length);
    }

    @Test
    void acceptsValidText() {
        byte[] text = "plain, accentué, 中文, 😀".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8.isValid(text, 0, text.length)).isTrue();
    }

    @Test
    void refusesWhatRfc3629Forbids() {
        assertThat(check(0xC0, 0xAF)).isEqualTo(0);             // overlong '/'
        assertThat(check('a', 0xE0, 0x80, 0xAF)).isEqualTo(1);  // overlong 3-byte
        assertThat(check(0xED, 0xA0, 0x80)).isEqualTo(0);       // surrogate U+D800
        assertThat(check(0xF4, 0x90, 0x80, 0x80)).isEqualTo(0); // above U+10FFFF
        assertThat(check(0xFF)).isEqualTo(0);
        assertThat(check(0x80)).isEqualTo(0);                   // lone continuation
        assertThat(check('a', 'b', 0xE2, 0x82)).isEqualTo(2);   // cut short
        assertThat(check(0xC3, 'A')).isEqualTo(0);              // bad continuation
    }

    @Test
    void checksOnlyTheGivenRange() {
        byte[] b = {(byte) 0xFF, 'o', 'k', (byte) 0xFF};
        assertThat(Utf8.isValid(b, 1, 2)).isTrue();
    }
}
