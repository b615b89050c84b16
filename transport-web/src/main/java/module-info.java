/**
 * HTTP and WebSocket on the TCP port: a {@link parley.api.transport.ConnectionProtocol} that takes a
 * connection whose first bytes are an HTTP request line, serves the browser client's files from this
 * module's resources ({@code parley/web/client/}), and upgrades {@code GET /ws} to a WebSocket (RFC 6455)
 * whose text messages carry the framed form's JSON and whose binary messages carry its binary frames.
 * Inside TLS (module {@code parley.transport.tls}) the same paths give HTTPS and WSS. HTTP parsing and
 * WebSocket framing are Netty's codecs, driven on the bytes the TCP transport reads.
 */
module parley.transport.web {
    requires parley.api;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.codec;
    requires io.netty.codec.http;

    provides parley.api.transport.ConnectionProtocol with parley.transport.web.WebProtocol;
    provides parley.api.spi.ServerFeature with parley.transport.web.WebFeature;
    provides parley.api.spi.PluginInfo with parley.transport.web.WebPluginInfo;
}
