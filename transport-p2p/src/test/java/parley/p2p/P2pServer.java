package parley.p2p;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/** A real server on a free loopback port, with the plugins on the test module path (TCP, rooms, P2P). */
final class P2pServer {

    static final Duration LONG = Duration.ofSeconds(20);

    private P2pServer() {
    }

    static ParleyServer start(Map<String, String> settings) throws IOException {
        return ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0")).withAll(settings));
    }

    static ParleyServer start() throws IOException {
        return start(Map.of());
    }

    static ParleyClient loggedIn(ParleyServer server, String pseudo) throws IOException {
        ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort());
        client.login(pseudo);
        return client;
    }

    static P2pBroker broker(ParleyServer server) {
        return server.context().services().require(P2pBroker.class);
    }
}
