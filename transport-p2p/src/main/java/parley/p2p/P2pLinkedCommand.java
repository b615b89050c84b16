package parley.p2p;

import java.util.List;

import parley.api.Request;
import parley.api.spi.Command;
import parley.p2p.link.P2pMessages;

/**
 * {@code P2P_LINKED {link}} → OK: the caller's direct link is up. The server forgets the token at
 * once instead of at its expiry, and the two users may set up another link later. KO when the
 * sender is not the caller of a link in its direct attempt.
 */
final class P2pLinkedCommand implements Command {

    private final P2pBroker broker;

    P2pLinkedCommand(P2pBroker broker) {
        this.broker = broker;
    }

    @Override
    public String verb() {
        return P2pMessages.LINKED;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("link");
    }

    @Override
    public String help() {
        return "the caller's direct link is up: the server forgets its token";
    }

    @Override
    public void handle(Request request) {
        String link = request.require("link");
        try {
            broker.linked(request.session(), link);
            request.ok();
        } catch (Refusal e) {
            request.ko(e.getMessage());
        }
    }
}
