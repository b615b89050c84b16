package parley.p2p;

/**
 * A P2P request the rules refuse. Its message is the reason the sender gets in KO: it names the
 * culprit and the fix, and never holds a token.
 */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
