/**
 * The Parley kernel: framing and the message model, the SPIs that plugins implement, the kernel
 * that runs a server from plugins (sessions, dispatcher, sequence engine, service registry) and the
 * programmatic client. It depends on no other Parley module.
 */
module parley.api {
    requires transitive tools.jackson.databind;
    requires transitive org.slf4j;

    exports parley.api;
    exports parley.api.wire;
    exports parley.api.spi;
    exports parley.api.sequence;
    exports parley.api.transport;
    exports parley.api.rooms;
    exports parley.api.plugin;
    exports parley.api.server;
    exports parley.api.client;

    uses parley.api.spi.Command;
    uses parley.api.spi.ServerFeature;
    uses parley.api.spi.PluginInfo;
    uses parley.api.spi.ClientExtension;
    uses parley.api.spi.Benchmark;
    uses parley.api.sequence.SequenceAction;
    uses parley.api.transport.ServerTransport;
    uses parley.api.transport.ClientConnector;
}
