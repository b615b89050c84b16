package parley.vote;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;

/** A real server with rooms, vote and TCP from the module path, and clients already in a room. */
final class VoteServer {

    private VoteServer() {
    }

    static ParleyServer start(Map<String, String> settings) throws IOException {
        return ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0")).withAll(settings));
    }

    static ParleyServer start() throws IOException {
        return start(Map.of());
    }

    /** Clients logged in as {@code prefix0..n-1}, all in {@code room}. */
    static List<ParleyClient> members(ParleyServer server, String prefix, int n, String room) throws IOException {
        List<ParleyClient> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort());
            client.login(prefix + i);
            Chat.join(client, room);
            clients.add(client);
        }
        return clients;
    }
}
