package parley.p2p;

import java.util.List;

import parley.api.BadRequestException;
import parley.api.Request;
import parley.api.spi.Command;
import parley.p2p.link.P2pMessages;
import tools.jackson.databind.JsonNode;

/**
 * {@code P2P_ACCEPT {link, port?, fingerprint}} → OK: the asked side takes the link, giving its link
 * certificate's fingerprint, which the other side will pin. The callee gives the port it listens on;
 * without one, the link goes through the relay. KO when no such question waits for this client;
 * ERROR without a fingerprint.
 */
final class P2pAcceptCommand implements Command {

    private final P2pBroker broker;

    P2pAcceptCommand(P2pBroker broker) {
        this.broker = broker;
    }

    @Override
    public String verb() {
        return P2pMessages.ACCEPT;
    }

    @Override
    public List<String> legacyArgs() {
        return List.of("link", "port?", "fingerprint?");
    }

    @Override
    public String help() {
        return "accepts the link asked by P2P_ASK with your link certificate's fingerprint; the callee gives the"
                + " port it listens on";
    }

    @Override
    public void handle(Request request) {
        String link = request.require("link");
        Integer port = port(request.message().get("port"));
        try {
            broker.accept(request.session(), link, port, request.message().text("fingerprint"));
            request.ok();
        } catch (Refusal e) {
            request.ko(e.getMessage());
        }
    }

    private static Integer port(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > 65535) {
            throw new BadRequestException("P2P_ACCEPT's port must be a whole number from 1 to 65535, the port you"
                    + " listen on; leave it out to link through the relay only");
        }
        return node.intValue();
    }
}
