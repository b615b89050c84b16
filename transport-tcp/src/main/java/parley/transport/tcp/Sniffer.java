package parley.transport.tcp;

import parley.api.PayloadForm;

/**
 * Tells the two wire forms apart from the first byte a connection sends.
 *
 * <p>A capital ASCII letter starts a legacy line. A framed connection starts with the high byte of
 * a length, which is 0 for any frame under 16 MiB. Other printable text is a legacy client that got
 * the verb wrong; anything else is read as a frame (whose length will then be refused).
 */
final class Sniffer {

    private Sniffer() {
    }

    /** The form, or {@code null} for text that is not a legacy line. */
    static PayloadForm sniff(int firstByte, int maxFrameBytes) {
        int first = firstByte & 0xFF;
        if (first >= 'A' && first <= 'Z') {
            return PayloadForm.LINE;
        }
        if (first <= (maxFrameBytes >>> 24)) {
            return PayloadForm.JSON;
        }
        if ((first >= 0x20 && first < 0x7F) || first == '\t' || first == '\r' || first == '\n') {
            return null;
        }
        return PayloadForm.JSON;
    }
}
