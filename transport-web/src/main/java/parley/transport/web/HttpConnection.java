package parley.transport.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import io.netty.util.ReferenceCountUtil;

import parley.api.transport.ProtocolStream;

/**
 * One HTTP/1.1 connection, on its reader thread: requests one after the other (keep-alive), parsed by
 * Netty's {@link HttpServerCodec} on the bytes read from the stream. {@code GET}/{@code HEAD} of a file
 * of the browser client; {@code GET /ws} upgrades (then a {@link WebSocketConnection} takes the
 * connection). Each request's head must arrive whole within {@code web.head-timeout} of the start or of
 * the last answer, and within {@code web.max-head-bytes}; a request body is refused beyond 64 KiB
 * (nothing here takes one).
 */
final class HttpConnection {

    private static final Logger LOG = LoggerFactory.getLogger(HttpConnection.class);
    private static final int MAX_BODY = 64 << 10;

    private final WebServer server;
    private final ProtocolStream stream;
    private final WebSettings.Values settings;
    private final Inbox inbox = new Inbox();
    private final EmbeddedChannel http;
    private volatile boolean timedOut;

    HttpConnection(WebServer server, ProtocolStream stream) {
        this.server = server;
        this.stream = stream;
        this.settings = server.settings();
        HttpDecoderConfig config = new HttpDecoderConfig().setMaxInitialLineLength(settings.maxHeadBytes())
                .setMaxHeaderSize(settings.maxHeadBytes()).setStrictLineParsing(true);
        this.http = Pipes.of(new HttpServerCodec(config), new HttpObjectAggregator(MAX_BODY), inbox);
    }

    /** Serves requests until the client or an answer ends the connection, or a WebSocket has run its course. */
    void run() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        ScheduledFuture<?> deadline = armDeadline();
        try {
            while (true) {
                int n = stream.read(buffer.clear());
                if (n < 0) {
                    return;
                }
                Pipes.feed(http, buffer.flip());
                Object msg;
                while ((msg = inbox.poll()) != null) {
                    if (!(msg instanceof FullHttpRequest request)) {
                        ReferenceCountUtil.release(msg);
                        continue;
                    }
                    cancel(deadline);
                    Next next;
                    try {
                        next = answer(request);
                    } finally {
                        request.release();
                    }
                    Pipes.drain(http, stream);
                    if (next == Next.UPGRADED) {
                        ByteBuf left = leftOver();
                        Pipes.discard(http);
                        new WebSocketConnection(server, stream).run(left);
                        return;
                    }
                    if (next == Next.CLOSE) {
                        stream.close();
                        return;
                    }
                    deadline = armDeadline();
                }
                Pipes.drain(http, stream); // what the codec answered by itself (413 for a long body)
                if (!http.isOpen()) {
                    stream.close();
                    return;
                }
            }
        } catch (IOException e) {
            if (timedOut) {
                LOG.debug("{}: no whole request within {} ms (web.head-timeout)", stream.remoteAddress(),
                        settings.headTimeout().toMillis());
                return;
            }
            throw e;
        } finally {
            cancel(deadline);
            inbox.clear();
            if (http.isRegistered()) {
                Pipes.discard(http);
            }
        }
    }

    private enum Next { KEEP_ALIVE, CLOSE, UPGRADED }

    /**
     * Closes the connection when no whole request arrives in time (nothing is answered to a silent
     * client); {@code null} when there is no deadline.
     */
    private ScheduledFuture<?> armDeadline() {
        Duration limit = settings.headTimeout();
        if (limit.isZero()) {
            return null;
        }
        try {
            return server.after(limit, () -> {
                timedOut = true;
                try {
                    stream.close();
                } catch (IOException e) {
                    LOG.debug("closing {} failed", stream.remoteAddress(), e);
                }
            });
        } catch (RejectedExecutionException e) {
            return null; // the server is stopping: the transport closes every connection
        }
    }

    private Next answer(FullHttpRequest request) throws IOException {
        if (request.decoderResult().isFailure()) {
            return refuseBadHead(request.decoderResult().cause());
        }
        String path;
        try {
            path = new QueryStringDecoder(request.uri()).path();
        } catch (IllegalArgumentException e) {
            return send(Responses.text(HttpResponseStatus.BAD_REQUEST, "bad request: the path's %-escapes do not decode ("
                    + e.getMessage() + ")", false), false);
        }
        HttpMethod method = request.method();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (path.equals(WebProtocol.WS_PATH)) {
            if (!method.equals(HttpMethod.GET)) {
                return send(notAllowed("GET", method), false);
            }
            return upgrade(request);
        }
        boolean head = method.equals(HttpMethod.HEAD);
        if (!head && !method.equals(HttpMethod.GET)) {
            return send(notAllowed("GET, HEAD", method), false);
        }
        Optional<StaticFiles.Asset> asset = server.files().find(path);
        if (asset.isEmpty()) {
            return send(Responses.text(HttpResponseStatus.NOT_FOUND, "not found: " + path
                    + " (the chat is at /, its WebSocket at " + WebProtocol.WS_PATH + ")", head), keepAlive);
        }
        StaticFiles.Asset file = asset.get();
        String cache = settings.maxAge().isZero() ? "no-cache" : "max-age=" + settings.maxAge().toSeconds();
        String match = request.headers().get(HttpHeaderNames.IF_NONE_MATCH);
        FullHttpResponse response;
        if (match != null && match.contains(file.etag())) {
            response = Responses.empty(HttpResponseStatus.NOT_MODIFIED);
        } else {
            response = Responses.body(HttpResponseStatus.OK, file.bytes(), file.contentType(), head);
        }
        response.headers().set(HttpHeaderNames.ETAG, file.etag());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, cache);
        return send(response, keepAlive);
    }

    private static FullHttpResponse notAllowed(String allowed, HttpMethod method) {
        FullHttpResponse response = Responses.text(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + method.name()
                + " not allowed here: use " + allowed, method.equals(HttpMethod.HEAD));
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        return response;
    }

    private Next refuseBadHead(Throwable cause) throws IOException {
        int limit = settings.maxHeadBytes();
        if (cause instanceof TooLongHttpLineException) {
            return send(Responses.text(HttpResponseStatus.REQUEST_URI_TOO_LONG, "request line longer than " + limit
                    + " bytes (web.max-head-bytes)", false), false);
        }
        if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
            return send(Responses.text(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "request headers longer than "
                    + limit + " bytes (web.max-head-bytes): send fewer or shorter headers", false), false);
        }
        return send(Responses.text(HttpResponseStatus.BAD_REQUEST, "bad request: " + cause.getMessage(), false), false);
    }

    /**
     * The WebSocket handshake of RFC 6455, version 13 only: another version gets 426 with the version this
     * server speaks; a request that is not a WebSocket upgrade (no key, no {@code Upgrade: websocket})
     * gets 400 with the reason.
     */
    private Next upgrade(FullHttpRequest request) throws IOException {
        String version = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION);
        if (!"13".equals(version)) {
            FullHttpResponse response = Responses.text(HttpResponseStatus.UPGRADE_REQUIRED, "WebSocket version "
                    + (version == null ? "missing" : version) + " not supported: this server speaks version 13 (RFC 6455)",
                    false);
            response.headers().set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
            return send(response, false);
        }
        String host = request.headers().get(HttpHeaderNames.HOST, "localhost");
        WebSocketServerHandshaker13 handshaker = new WebSocketServerHandshaker13(
                (stream.secure() ? "wss://" : "ws://") + host + WebProtocol.WS_PATH, null,
                WebSocketConnection.decoderConfig(settings.maxMessageBytes()));
        try {
            handshaker.handshake(http, request).sync();
        } catch (WebSocketHandshakeException e) {
            return send(Responses.text(HttpResponseStatus.BAD_REQUEST, "bad WebSocket upgrade: " + e.getMessage()
                    + " (send Upgrade: websocket, Connection: Upgrade and a Sec-WebSocket-Key)", false), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during the WebSocket handshake", e);
        }
        LOG.debug("{}: WebSocket opened", stream.remoteAddress());
        return Next.UPGRADED;
    }

    /** Bytes that came after the upgrade request in the same read: the WebSocket's first frames. */
    private ByteBuf leftOver() {
        ByteBuf left = http.alloc().heapBuffer();
        Object msg;
        while ((msg = inbox.poll()) != null) {
            if (msg instanceof ByteBuf buf) {
                left.writeBytes(buf);
            }
            ReferenceCountUtil.release(msg);
        }
        return left;
    }

    private Next send(FullHttpResponse response, boolean keepAlive) throws IOException {
        HttpUtil.setKeepAlive(response, keepAlive);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        http.writeOutbound(response);
        Pipes.drain(http, stream);
        return keepAlive ? Next.KEEP_ALIVE : Next.CLOSE;
    }

    private static void cancel(ScheduledFuture<?> deadline) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
