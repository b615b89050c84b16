package parley.transport.web;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** The HTTP answers this plugin gives, each with the security headers. Pure; any thread. */
final class Responses {

    /**
     * Scripts and styles from this server only, never inline; WebSocket back to it (ws: and wss:, so the
     * same page works behind TLS or not); images from it or made by the page (blob:, data:); no frames.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws: wss:;"
            + " img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private Responses() {
    }

    /** A plain-text answer (errors say what was wrong and what to do); {@code head} leaves the body out. */
    static FullHttpResponse text(HttpResponseStatus status, String body, boolean head) {
        byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
        return body(status, bytes, "text/plain; charset=utf-8", head);
    }

    /** An answer with {@code bytes} of {@code type}; {@code head} keeps the length but leaves the body out. */
    static FullHttpResponse body(HttpResponseStatus status, byte[] bytes, String type, boolean head) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, type);
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        secure(headers);
        return response;
    }

    /** An answer with no body (304). */
    static FullHttpResponse empty(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
        secure(response.headers());
        return response;
    }

    /** The headers every answer carries. */
    static void secure(HttpHeaders headers) {
        headers.set("Content-Security-Policy", CSP);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("X-Frame-Options", "DENY");
    }
}
