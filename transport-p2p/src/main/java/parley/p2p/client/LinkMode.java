package parley.p2p.client;

/** How a link's bytes travel. */
public enum LinkMode {
    /** On a TCP connection between the two clients: the server carries nothing. */
    DIRECT,
    /** Through the server's relay, which copies the bytes without reading them, within its limits. */
    RELAYED;

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
