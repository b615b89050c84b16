/**
 * The Parley kernel: the message model and the SPIs that plugins implement ({@code parley.api},
 * {@code spi}, {@code sequence}, {@code transport}, {@code wire}), the programmatic client
 * ({@code client}), and, for the launcher only, the host that runs a server from plugins
 * ({@code server}, {@code plugin}). It depends on no other Parley module.
 *
 * <p>Jackson stays in the plugin ABI ({@code requires transitive}): a message is a JSON object, and
 * {@link parley.api.Message} hands out its fields as Jackson nodes. Why is written in
 * {@code docs/ARCHITECTURE.md}.
 */
module parley.api {
    requires transitive tools.jackson.databind;
    requires transitive org.slf4j;

    exports parley.api;
    exports parley.api.wire;
    exports parley.api.spi;
    exports parley.api.sequence;
    exports parley.api.transport;
    exports parley.api.client;
    // host internals: the launcher assembles servers; the test kit starts them for plugins' tests
    exports parley.api.plugin to parley.launcher, parley.testkit;
    exports parley.api.server to parley.launcher, parley.testkit;

    uses parley.api.spi.Command;
    uses parley.api.spi.ServerFeature;
    uses parley.api.spi.PluginInfo;
    uses parley.api.spi.ClientExtension;
    uses parley.api.spi.Benchmark;
    uses parley.api.sequence.SequenceAction;
    uses parley.api.transport.ServerTransport;
    uses parley.api.transport.ConnectionProtocol;
    uses parley.api.transport.ClientConnector;
}
