package parley.p2p.link;

/**
 * The message types of P2P, in the three places they travel. Each one is documented in
 * {@code docs/PROTOCOL.md}, section "P2P links".
 */
public final class P2pMessages {

    // --- client <-> server, on the ordinary connection

    /** Client to server: set up a link with {@code peer}. */
    public static final String REQUEST = "P2P_REQUEST";
    /** Server to client: do you take a link with {@code peer}, as {@code role}? */
    public static final String ASK = "P2P_ASK";
    /** Client to server: yes, and (as callee) here is the port I listen on. */
    public static final String ACCEPT = "P2P_ACCEPT";
    /** Client to server: no. */
    public static final String REFUSE = "P2P_REFUSE";
    /** Server to client: this link will not be set up, and why. */
    public static final String REFUSED = "P2P_REFUSED";
    /** Server to both clients: who the peer is, where it listens, your role, the token. */
    public static final String INVITE = "P2P_INVITE";
    /** Caller to server: the direct link failed; server to callee: go to the relay. */
    public static final String FALLBACK = "P2P_FALLBACK";
    /** Caller to server: the direct link is up; the server forgets the token at once. */
    public static final String LINKED = "P2P_LINKED";
    /** Server to both clients: the relay closed your link, and why (a limit, a logout, shutdown). */
    public static final String RELAY_CLOSED = "P2P_RELAY_CLOSED";

    // --- client <-> relay, on a connection of its own, before the relay joins the two streams

    /** Relay to client, first: a fresh nonce to prove the token over. */
    public static final String RELAY_CHALLENGE = "P2P_RELAY_CHALLENGE";
    /** Client to relay: link, role and proof of the token. */
    public static final String RELAY_JOIN = "P2P_RELAY";
    /** Relay to both clients: joined; the limits; from now on the relay only copies bytes. */
    public static final String RELAY_READY = "P2P_RELAY_READY";
    /** Relay to client: refused, and why; then the relay closes the connection. */
    public static final String RELAY_REFUSED = "P2P_RELAY_REFUSED";

    // --- caller <-> callee, the handshake, direct or through the relay

    public static final String HELLO = "P2P_HELLO";
    public static final String CHALLENGE = "P2P_CHALLENGE";
    public static final String PROOF = "P2P_PROOF";
    public static final String WELCOME = "P2P_WELCOME";
    public static final String DENIED = "P2P_DENIED";

    // --- caller <-> callee, once linked

    public static final String MSG = "MSG";
    public static final String FILE = "FILE";
    public static final String FILE_END = "FILE_END";
    public static final String FILE_OK = "FILE_OK";
    public static final String FILE_FAILED = "FILE_FAILED";
    public static final String FILE_ABORT = "FILE_ABORT";
    public static final String CLOSE = "CLOSE";
    public static final String PING = "PING";
    public static final String PONG = "PONG";

    /** The two roles of a link. */
    public static final String CALLER = "caller";
    public static final String CALLEE = "callee";

    /** What a relay proof is for, in {@link Token#prove}. */
    public static final String RELAY_PURPOSE = "relay";

    private P2pMessages() {
    }
}
