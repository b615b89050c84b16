package parley.api.wire;

/**
 * Strict UTF-8 validation (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
 *
 * <p>Runs over the bytes once without allocating; pure ASCII takes the fast path.
 */
public final class Utf8 {

    private Utf8() {
    }

    /** Returns the offset of the first byte that is not valid UTF-8, or -1 if all of it is valid. */
    public static int firstInvalid(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int need;
            int min;
            int cp;
            if ((b & 0xE0) == 0xC0) {
                need = 1;
                min = 0x80;
                cp = b & 0x1F;
            } else if ((b & 0xF0) == 0xE0) {
                need = 2;
                min = 0x800;
                cp = b & 0x0F;
            } else if ((b & 0xF8) == 0xF0) {
                need = 3;
                min = 0x10000;
                cp = b & 0x07;
            } else {
                return i;
            }
            if (i + need >= end) {
                return i; // the sequence is cut short
            }
            for (int k = 1; k <= need; k++) {
                int c = bytes[i + k];
                if ((c & 0xC0) != 0x80) {
                    return i;
                }
                cp = (cp << 6) | (c & 0x3F);
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                return i;
            }
            i += need + 1;
        }
        return -1;
    }

    public static boolean isValid(byte[] bytes, int offset, int length) {
        return firstInvalid(bytes, offset, length) < 0;
    }
}
