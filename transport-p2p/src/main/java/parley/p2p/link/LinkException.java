package parley.p2p.link;

import java.io.IOException;

/**
 * A link, a handshake or a relay presentation failed for a reason worth telling the user: a
 * refusal, a bad proof, a frame the protocol does not allow. The message is that reason; it never
 * holds a token.
 */
public final class LinkException extends IOException {

    private static final long serialVersionUID = 1L;

    public LinkException(String reason) {
        super(reason);
    }
}
