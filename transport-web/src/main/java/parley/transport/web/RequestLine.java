package parley.transport.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import parley.api.transport.Detection;

/**
 * Tells an HTTP request line from the first bytes of a connection, cheaply and within the transport's
 * head limit: a method of RFC 9110 in capitals, one space, then {@code /} (origin form) or {@code *}
 * (OPTIONS). A framed client's first byte is a length's high byte (0 for any frame under 16 MiB), and
 * a legacy line's argument starts with a quote ({@code LOGIN "alice"}, even {@code GET "x"}), so
 * neither is ever taken for HTTP. Pure; any thread.
 */
final class RequestLine {

    private static final List<byte[]> METHODS = List.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH",
            "TRACE", "CONNECT").stream().map(m -> (m + " ").getBytes(StandardCharsets.US_ASCII)).toList();

    private RequestLine() {
    }

    /** Whether {@code head} (position to limit, not moved) starts an HTTP request line. */
    static Detection detect(ByteBuffer head) {
        int at = head.position();
        int length = head.remaining();
        boolean partial = false;
        for (byte[] method : METHODS) {
            int common = Math.min(length, method.length);
            if (!startsWith(head, at, method, common)) {
                continue;
            }
            if (length < method.length + 1) {
                partial = true;
                continue;
            }
            byte target = head.get(at + method.length);
            return target == '/' || target == '*' ? Detection.MATCH : Detection.NO_MATCH;
        }
        return partial ? Detection.NEED_MORE : Detection.NO_MATCH;
    }

    private static boolean startsWith(ByteBuffer head, int at, byte[] prefix, int count) {
        for (int i = 0; i < count; i++) {
            if (head.get(at + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
