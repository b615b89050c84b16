package parley.p2p;

import java.util.List;

import parley.api.Request;
import parley.api.spi.Command;
import parley.p2p.link.P2pMessages;

/**
 * {@code P2P_REFUSE {link, reason?}} → OK: the asked side declines; the other side gets
 * {@code P2P_REFUSED} with the reason. KO when no such question waits for this client.
 */
final class P2pRefuseCommand implements Command {

    private final P2pBroker broker;

    P2pRefuseCommand(P2pBroker broker) {
        this.broker = broker;
    }

    @Override
    public String verb() {
        return P2pMessages.REFUSE;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("link", "reason?");
    }

    @Override
    public String help() {
        return "refuses the link asked by P2P_ASK";
    }

    @Override
    public void handle(Request request) {
        String link = request.require("link");
        try {
            broker
                    .refuse(request.session(), link, request.message().text("reason"));
            request.ok();
        } catch (Refusal e) {
            request.ko(e.getMessage());
        }
    }
}
