package parley.api.server;

import java.util.List;

import parley.api.plugin.Plugin;

/** Plugin variants the builder does not make, for the kernel's tests. */
final class Plugins {

    private Plugins() {
    }

    /** {@code plugin}, needing the named plugins loaded first. */
    static Plugin requiring(Plugin plugin, String... needs) {
        return new Plugin(plugin.name(), plugin.version(), plugin.description(), plugin.source(), plugin.module(),
                List.of(needs), plugin.settings(), plugin.clientSettings(), plugin.commands(), plugin.features(),
                plugin.sequenceActions(), plugin.transports(), plugin.connectors(), plugin.clientExtensions(),
                plugin.benchmarks(), plugin.protocols());
    }
}
