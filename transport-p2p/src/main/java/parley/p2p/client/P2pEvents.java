package parley.p2p.client;

/**
 * What a {@link P2pClient} tells its user. Every method has an empty default.
 *
 * <p><b>Threading.</b> Called on the server connection's reader thread or on a link's own threads,
 * never under a lock of the client; must not block. An exception thrown here is the caller's bug
 * and is swallowed so that the link goes on.
 */
public interface P2pEvents {

    /** With {@code p2p.accept=ask}: someone wants a link; answer with accept or refuse. */
    default void asked(P2pAsk ask) {
    }

    /** A link is up, direct or relayed. */
    default void linked(P2pLink link) {
    }

    /** A link with {@code peer} could not be set up, and why. */
    default void failed(String peer, String reason) {
    }

    /** Something worth a line: a fallback to the relay, a refused connection attempt. */
    default void notice(String text) {
    }

    /** A private message over a link. */
    default void message(P2pLink link, String text) {
    }

    /** A file arrived whole, its hash checked. */
    default void fileReceived(P2pLink link, ReceivedFile file) {
    }

    /** A file from the peer did not arrive whole (its partial copy is deleted). */
    default void fileFailed(P2pLink link, String name, String reason) {
    }

    /** A link ended: closed by either side, dropped, or cut by the relay. Called once per link. */
    default void closed(P2pLink link, String reason) {
    }
}
