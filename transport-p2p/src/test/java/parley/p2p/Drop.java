package parley.p2p;

import parley.p2p.client.P2pLink;
import parley.p2p.client.P2pLinks;

/** Makes a link's end vanish as if its process died: the socket closes, the peer is told nothing. */
final class Drop {

    private Drop() {
    }

    static void abruptly(P2pLink end) {
        P2pLinks.drop(end, "this side died");
    }
}
