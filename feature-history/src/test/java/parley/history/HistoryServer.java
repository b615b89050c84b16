package parley.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * A real server on a free loopback port with the plugins on the test module path (TCP, rooms, history),
 * its data in {@code dataDir}; and the HISTORY request.
 */
final class HistoryServer {

    private HistoryServer() {
    }

    static ParleyServer start(Path dataDir, Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "data-dir", dataDir.toString()));
        all.putAll(settings);
        ParleyServer server = ParleyServer.start(Config.of(all));
        if (!server.failures().isEmpty()) {
            server.close();
            throw new IllegalStateException("plugins failed: " + server.failures());
        }
        return server;
    }

    /** As {@link #start(Path, Map)}, with extra plugins (a test's own) beside the module path's. */
    static ParleyServer start(Path dataDir, Map<String, String> settings, parley.api.plugin.Plugin... extra) throws IOException {
        Map<String, String> all = new HashMap<>(Map.of("host", "127.0.0.1", "port", "0", "data-dir", dataDir.toString()));
        all.putAll(settings);
        parley.api.plugin.PluginScanner.Result scan = parley.api.plugin.PluginScanner.scanBootLayer();
        List<parley.api.plugin.Plugin> plugins = new java.util.ArrayList<>(scan.plugins());
        plugins.addAll(List.of(extra));
        ParleyServer server = ParleyServer.start(Config.of(all), plugins, scan.failures());
        if (!server.failures().isEmpty()) {
            server.close();
            throw new IllegalStateException("plugins failed: " + server.failures());
        }
        return server;
    }

    static ParleyClient loggedIn(ParleyServer server, String pseudo) throws IOException {
        ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort());
        client.login(pseudo);
        return client;
    }

    /** The HISTORY request; {@code null} fields are left out. */
    static Message history(String room, Long before, Long after, Integer limit) {
        Message ask = Message.of("HISTORY").put("room", room);
        if (before != null) {
            ask.put("before", before);
        }
        if (after != null) {
            ask.put("after", after);
        }
        if (limit != null) {
            ask.put("limit", limit.longValue());
        }
        return ask;
    }

    /** The ids of a HISTORY answer's messages, in order. */
    static List<Long> ids(Message answer) {
        return answer.get("messages").valueStream().map(m -> m.get("id").longValue()).toList();
    }
}
