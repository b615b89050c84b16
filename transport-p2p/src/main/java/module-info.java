/**
 * P2P links (Story 12): the server sets up a direct TCP link between two clients, authenticated
 * both ways with a single-use token it issues to them, and relays their bytes, unread, when a
 * direct link is impossible. The client side ({@link parley.p2p.client.P2pClient}) is usable from
 * code and is wrapped for the interactive client by {@link parley.p2p.client.P2pClientExtension}.
 */
module parley.p2p {
    requires parley.api;

    exports parley.p2p.client;

    provides parley.api.spi.ServerFeature with parley.p2p.P2pFeature;
    provides parley.api.spi.ClientExtension with parley.p2p.client.P2pClientExtension;
    provides parley.api.spi.PluginInfo with parley.p2p.P2pPluginInfo;
}
