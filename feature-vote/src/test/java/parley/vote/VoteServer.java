package parley.vote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;

/** A real server from the test kit (rooms, vote and TCP from the module path), and clients already in a room. */
final class VoteServer {

    private VoteServer() {
    }

    /** With no resume window: these tests drop members and expect them gone from the rooms at once. */
    static ParleyServer start(Map<String, String> settings) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(Map.of("resume-window", "0"));
        all.putAll(settings);
        return TestServer.start(all);
    }

    static ParleyServer start() throws IOException {
        return start(Map.of());
    }

    /** Clients logged in as {@code prefix0..n-1}, all in {@code room}. */
    static List<ParleyClient> members(ParleyServer server, String prefix, int n, String room) throws IOException {
        List<ParleyClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ParleyClient client = TestServer.loggedIn(server, prefix + i);
            Chat.join(client, room);
            clients.add(client);
        }
        return clients;
    }
}
