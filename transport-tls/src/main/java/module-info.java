/**
 * TLS on the TCP port: a {@link parley.api.transport.ConnectionProtocol} that takes a connection whose
 * first bytes start a TLS handshake, unwraps it with the JDK's {@link javax.net.ssl.SSLEngine} (TLS 1.3
 * and 1.2) and lets the transport choose the framed or legacy form again on the decrypted bytes; the
 * server's certificate (PEM files, reloaded when they change, or a self-signed one kept in
 * {@code data-dir}); and a TLS {@link parley.api.transport.ClientConnector} that verifies the server
 * against the system trust store, a pinned fingerprint, or what it saw first (trust on first use).
 */
module parley.transport.tls {
    requires transitive parley.api; // transitive: the exported connector speaks in the api's types

    exports parley.transport.tls;

    provides parley.api.transport.ConnectionProtocol with parley.transport.tls.TlsProtocol;
    provides parley.api.spi.ServerFeature with parley.transport.tls.TlsFeature;
    provides parley.api.transport.ClientConnector with parley.transport.tls.TlsConnector;
    provides parley.api.spi.PluginInfo with parley.transport.tls.TlsPluginInfo;
}
