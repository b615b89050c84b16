package parley.rooms;

import java.io.IOException;
import java.util.Map;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/** A real server on a free loopback port, with the plugins on the test module path (rooms, TCP). */
final class RoomsServer {

    private RoomsServer() {
    }

    static ParleyServer start(Map<String, String> settings) throws IOException {
        return ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0")).withAll(settings));
    }

    static ParleyServer start() throws IOException {
        return start(Map.of());
    }

    static ParleyClient client(ParleyServer server) throws IOException {
        return ParleyClient.connect("127.0.0.1", server.address().getPort());
    }

    static ParleyClient loggedIn(ParleyServer server, String pseudo) throws IOException {
        ParleyClient client = client(server);
        client.login(pseudo);
        return client;
    }
}
