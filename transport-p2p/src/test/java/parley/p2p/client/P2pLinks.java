package parley.p2p.client;

/** Test access to a link's package-private side. */
public final class P2pLinks {

    private P2pLinks() {
    }

    /** Ends the link at once, telling the peer nothing, as a dead process would. */
    public static void drop(P2pLink link, String reason) {
        link.drop(reason);
    }
}
