package parley.transport.tcp;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import parley.api.Config;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;

/** Starts servers on a free loopback port with the TCP transport and the test commands. */
final class TestServers {

    private TestServers() {
    }

    static ParleyServer start(Map<String, String> settings, Plugin... extra) throws IOException {
        Config config = Config.of(Map.of("host", "127.0.0.1", "port", "0")).withAll(settings);
        List<Plugin> plugins = new ArrayList<>(PluginScanner.scanBootLayer().plugins());
        plugins.add(TestPlugin.create());
        plugins.addAll(List.of(extra));
        return ParleyServer.start(config, plugins, List.of());
    }

    static ParleyServer start() throws IOException {
        return start(Map.of());
    }
}
