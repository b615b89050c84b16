package parley.p2p;

import java.util.List;

import parley.api.Request;
import parley.api.spi.Command;
import parley.p2p.link.P2pMessages;

/**
 * {@code P2P_FALLBACK {link, reason?}} → OK: the caller could not link directly; the callee gets
 * {@code P2P_FALLBACK} and both go to the relay. KO when the sender is not the link's caller, the
 * link is not in its direct attempt, its token expired or the server runs no relay.
 */
final class P2pFallbackCommand implements Command {

    private final P2pBroker broker;

    P2pFallbackCommand(P2pBroker broker) {
        this.broker = broker;
    }

    @Override
    public String verb() {
        return P2pMessages.FALLBACK;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("link", "reason?");
    }

    @Override
    public String help() {
        return "the caller's direct link failed: both sides go to the relay";
    }

    @Override
    public void handle(Request request) {
        String link = request.require("link");
        try {
            broker
                    .fallback(request.session(), link, request.message().text("reason"));
            request.ok();
        } catch (Refusal e) {
            request.ko(e.getMessage());
        }
    }
}
