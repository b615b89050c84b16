package parley.transport.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import parley.api.transport.Detection;

/** What the detector takes for HTTP, and what it must never take: frames and legacy lines. */
class RequestLineTest {

    private static Detection detect(String head) {
        return RequestLine.detect(ByteBuffer.wrap(head.getBytes(StandardCharsets.ISO_8859_1)).asReadOnlyBuffer());
    }

    @Test
    void aLengthThatSpellsGetIsStillAFrame() {
        assertThat(detect("GET {\"type\":\"PING\"}")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("GET \u0000\u0003s-1")).isEqualTo(Detection.NO_MATCH);
    }

    @Test
    void requestLinesMatch() {
        assertThat(detect("GET / HTTP/1.1\r\n")).isEqualTo(Detection.MATCH);
        assertThat(detect("GET /ws HTTP/1.1")).isEqualTo(Detection.MATCH);
        assertThat(detect("HEAD /app.js HTTP/1.1")).isEqualTo(Detection.MATCH);
        assertThat(detect("POST /x")).isEqualTo(Detection.MATCH);
        assertThat(detect("OPTIONS * HTTP/1.1")).isEqualTo(Detection.MATCH);
    }

    @Test
    void aStartThatCouldStillBeHttpNeedsMore() {
        assertThat(detect("G")).isEqualTo(Detection.NEED_MORE);
        assertThat(detect("GE")).isEqualTo(Detection.NEED_MORE);
        assertThat(detect("GET ")).isEqualTo(Detection.NEED_MORE);
        assertThat(detect("HEA")).isEqualTo(Detection.NEED_MORE);
    }

    @Test
    void legacyLinesAreNeverHttp() {
        assertThat(detect("LOGIN \"alice\"\n")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("L")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("GET_FILE \"f-1\"\n")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("GET \"x\"\n")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("HELP\n")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("PING\n")).isEqualTo(Detection.NO_MATCH);
        assertThat(detect("PUT \"a\"")).isEqualTo(Detection.NO_MATCH);
    }

    /**
     * Any frame's first bytes are not HTTP, whatever its length (even one whose length bytes spell
     * {@code GET }, under a limit of a GiB or more): the payload that follows starts with {@code {} or
     * {@code 0x00}, never the {@code /} or {@code *} of a request target.
     */
    @Property
    void framesAreNeverHttp(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int length, @ForAll boolean binary) {
        byte[] payload = binary ? new byte[] {0, 3, 's', '-', '1', 42}
                : "{\"type\":\"LOGIN\",\"pseudo\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(4 + payload.length).putInt(length).put(payload).flip();
        for (int end = 1; end < head.capacity(); end++) { // a 1 GiB length may start like a method: never a match
            assertThat(RequestLine.detect(head.duplicate().limit(end).asReadOnlyBuffer())).isNotEqualTo(Detection.MATCH);
        }
        assertThat(RequestLine.detect(head.asReadOnlyBuffer())).isEqualTo(Detection.NO_MATCH);
    }
}
