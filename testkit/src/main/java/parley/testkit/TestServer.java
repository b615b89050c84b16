package parley.testkit;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;

/**
 * Real servers for plugins' tests: on 127.0.0.1 and a free port, made of the plugins on the test module
 * path (the plugin under test, and the transport and the plugins it needs, as test dependencies).
 */
public final class TestServer {

    private TestServer() {
    }

    /** A server with the module path's plugins and these settings over {@code host=127.0.0.1, port=0}. */
    public static ParleyServer start(Map<String, String> settings) throws IOException {
        return ParleyServer.start(config(settings));
    }

    /** A server with the module path's plugins and the default settings. */
    public static ParleyServer start() throws IOException {
        return start(Map.of());
    }

    /** A server with the module path's plugins plus {@code extra} (embedded test plugins). */
    public static ParleyServer start(Map<String, String> settings, Plugin... extra) throws IOException {
        PluginScanner.Result scan = PluginScanner.scanBootLayer();
        List<Plugin> plugins = new ArrayList<>(scan.plugins());
        plugins.addAll(List.of(extra));
        return ParleyServer.start(config(settings), plugins, scan.failures());
    }

    /** The settings a test server starts with: loopback, a free port, then {@code settings}. */
    public static Config config(Map<String, String> settings) {
        return Config.of(Map.of("host", "127.0.0.1", "port", "0")).withAll(settings);
    }

    /** A programmatic client connected to the server, not logged in. */
    public static ParleyClient client(ParleyServer server) throws IOException {
        return ParleyClient.connect("127.0.0.1", server.address().getPort());
    }

    /** A programmatic client logged in as {@code pseudo}. */
    public static ParleyClient loggedIn(ParleyServer server, String pseudo) throws IOException {
        ParleyClient client = client(server);
        client.login(pseudo);
        return client;
    }

    /** An old text client connected to the server. */
    public static LegacyClient legacy(ParleyServer server) throws IOException {
        return new LegacyClient(server.address());
    }
}
