package parley.p2p;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** A real server from the test kit (TCP, rooms and P2P from the test module path), and the P2P broker. */
final class P2pServer {

    static final Duration LONG = Duration.ofSeconds(20);

    private P2pServer() {
    }

    static ParleyServer start(Map<String, String> settings) throws IOException {
        return TestServer.start(settings);
    }

    static ParleyServer start() throws IOException {
        return start(Map.of());
    }

    static ParleyClient loggedIn(ParleyServer server, String pseudo) throws IOException {
        return TestServer.loggedIn(server, pseudo);
    }

    static P2pBroker broker(ParleyServer server) {
        return server.context().services().require(P2pBroker.class);
    }
}
