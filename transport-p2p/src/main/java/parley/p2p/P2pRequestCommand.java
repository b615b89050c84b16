package parley.p2p;

import java.util.List;

import parley.api.Message;
import parley.api.Request;
import parley.api.Verbs;
import parley.api.spi.Command;
import parley.p2p.link.P2pMessages;

/**
 * {@code P2P_REQUEST {peer, fingerprint}} → {@code OK {link}}, then later a {@code P2P_INVITE} or a
 * {@code P2P_REFUSED} push; or KO at once (a text client, an unknown or text-only peer, oneself,
 * a link with that peer already being set up, too many at once).
 */
final class P2pRequestCommand implements Command {

    private final P2pBroker broker;

    P2pRequestCommand(P2pBroker broker) {
        this.broker = broker;
    }

    @Override
    public String verb() {
        return P2pMessages.REQUEST;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("peer", "fingerprint?");
    }

    @Override
    public String help() {
        return "asks for a direct link with peer, giving your link certificate's fingerprint; answers OK with the"
                + " link's id, the invite follows";
    }

    @Override
    public void handle(Request request) {
        String peer = request.require("peer");
        Offer offer;
        try {
            offer = broker.request(request.session(), peer, request.message().text("fingerprint"));
        } catch (Refusal e) {
            request.ko(e.getMessage());
            return;
        }
        // the answer before the question: the requester knows the link's id before any push about it
        request.reply(Message.of(Verbs.OK).put("link", offer.id).put("peer", offer.callee.pseudo()));
        broker.ask(offer);
    }
}
