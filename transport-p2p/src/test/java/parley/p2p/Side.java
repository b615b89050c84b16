package parley.p2p;

import java.io.IOException;
import java.nio.file.Path;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.P2pClient;
import parley.p2p.client.P2pOptions;

/** One user of a test: a logged-in client, its P2P, and the events it saw. */
final class Side implements AutoCloseable {

    final String pseudo;
    final ParleyClient client;
    final P2pClient p2p;
    final Recorder events = new Recorder();

    private Side(String pseudo, ParleyClient client, P2pOptions options) {
        this.pseudo = pseudo;
        this.client = client;
        this.p2p = P2pClient.start(client, options, events);
    }

    /** Options for loopback tests: listens on 127.0.0.1, saves files under {@code downloads}. */
    static P2pOptions options(AcceptPolicy policy, Path downloads) {
        return P2pOptions.defaults().withAccept(policy).withListenHost("127.0.0.1").withDownloads(downloads);
    }

    static Side join(ParleyServer server, String pseudo, P2pOptions options) throws IOException {
        return new Side(pseudo, P2pServer.loggedIn(server, pseudo), options);
    }

    @Override
    public void close() {
        p2p.close();
        client.close();
    }
}
