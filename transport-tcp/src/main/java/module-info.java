/**
 * The TCP transport: accepts connections, chooses each one's protocol from its first bytes (the
 * plugins' {@link parley.api.transport.ConnectionProtocol}s, then its own legacy and framed forms),
 * reads with one virtual thread per connection, writes through a bounded queue per connection, and
 * runs keepalive. Also the client side: {@link parley.transport.tcp.TcpConnector}.
 */
module parley.transport.tcp {
    requires parley.api;

    provides parley.api.transport.ServerTransport with parley.transport.tcp.TcpTransport;
    provides parley.api.transport.ClientConnector with parley.transport.tcp.TcpConnector;
    provides parley.api.spi.PluginInfo with parley.transport.tcp.TcpPluginInfo;
}
