package parley.transport.web;

import java.io.IOException;
import java.nio.ByteBuffer;

import parley.api.transport.ConnectionProtocol;
import parley.api.transport.Detection;
import parley.api.transport.ProtocolStream;

/**
 * HTTP on the TCP port, plain or inside TLS: a connection whose first bytes are an HTTP request line
 * ({@link RequestLine}) is served by an {@link HttpConnection}: the browser client's files, and
 * {@code GET /ws}, which becomes a WebSocket carrying the framed form ({@link WebSocketConnection}).
 *
 * <p>The transport calls {@link #detect} and {@link #serve} on the connection's reader thread (a virtual
 * thread). {@link #serve} blocks on the socket while the connection lives: HTTP requests one after the
 * other (keep-alive), each head bounded by {@code web.head-timeout}, then, after an upgrade, the
 * WebSocket's life. Bad input gets an HTTP error or a WebSocket close code and ends that connection
 * only; it throws only what the stream throws, which the transport logs before closing.
 */
public final class WebProtocol implements ConnectionProtocol {

    /** The path a WebSocket is opened on. */
    static final String WS_PATH = "/ws";

    private final WebServer server;

    public WebProtocol() {
        this.server = WebServer.forThisLoad();
    }

    @Override
    public String name() {
        return "http";
    }

    /** After TLS (which must see every connection first when it is required), before the TCP forms. */
    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Detection detect(ByteBuffer head) {
        return server.serving() ? RequestLine.detect(head) : Detection.NO_MATCH;
    }

    @Override
    public void serve(ProtocolStream stream) throws IOException {
        new HttpConnection(server, stream).run();
    }
}
