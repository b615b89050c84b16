package parley.p2p;

import java.time.Instant;

import parley.api.Session;
import parley.p2p.link.Fingerprint;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.P2pMessages;
import parley.p2p.link.Token;

/**
 * One link the server is setting up, from the question to the end of its token or its relay.
 * Mutable; every field is guarded by the {@link P2pBroker}'s lock. Its {@link #toString} never
 * shows the token.
 */
final class Offer {

    /** Where the link stands. */
    enum State {
        /** Waiting for the asked side(s) to accept. */
        ASKING,
        /** Invites sent; the caller is trying the direct link. */
        INVITED,
        /** The direct link failed; the relay takes each side once. */
        FALLBACK,
        /** The relay joined the two sides. */
        RELAYED,
        /** Over; kept until its timer runs out so that late requests get the reason. */
        CLOSED
    }

    final String id;
    final Session caller;
    final Session callee;
    State state = State.ASKING;
    boolean callerAccepted;
    boolean calleeAccepted;
    /** The SHA-256 fingerprints of each side's link certificate, pinned by the other side. */
    Fingerprint callerFingerprint;
    Fingerprint calleeFingerprint;
    /** The port the callee listens on, or null when it takes no direct connection. */
    Integer port;
    Token token;
    Instant expiresAt;
    parley.api.Registration timer;
    /** Relay connections that presented a good proof and wait for the other side. */
    LinkChannel waitingCaller;
    LinkChannel waitingCallee;
    boolean callerJoined;
    boolean calleeJoined;
    RelayLink relayed;
    String closedReason;

    Offer(String id, Session caller, Session callee) {
        this.id = id;
        this.caller = caller;
        this.callee = callee;
    }

    boolean involves(Session session) {
        return session == caller || session == callee;
    }

    Session other(Session session) {
        return session == caller ? callee : caller;
    }

    String role(Session session) {
        return session == caller ? P2pMessages.CALLER : P2pMessages.CALLEE;
    }

    /** Both pseudos in lower case, in order: one link at a time is set up between two users. */
    String pairKey() {
        return pairKey(caller.pseudo(), callee.pseudo());
    }

    static String pairKey(String a, String b) {
        String x = a.toLowerCase(java.util.Locale.ROOT);
        String y = b.toLowerCase(java.util.Locale.ROOT);
        return x.compareTo(y) <= 0 ? x + "\n" + y : y + "\n" + x;
    }

    boolean open() {
        return state != State.CLOSED;
    }

    @Override
    public String toString() {
        return id + " (" + caller.pseudo() + " -> " + callee.pseudo() + ", " + state + ")";
    }
}
