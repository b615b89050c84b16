/**
 * The TCP transport: accepts connections, tells the framed and legacy forms apart by the first byte,
 * reads with one virtual thread per connection, writes through a bounded queue per connection, and
 * runs keepalive. Also the client side: {@link parley.transport.tcp.TcpConnector}.
 */
module parley.transport.tcp {
    requires parley.api;

    provides parley.api.transport.ServerTransport with parley.transport.tcp.TcpTransport;
    provides parley.api.transport.ClientConnector with parley.transport.tcp.TcpConnector;
    provides parley.api.spi.PluginInfo with parley.transport.tcp.TcpPluginInfo;
}
