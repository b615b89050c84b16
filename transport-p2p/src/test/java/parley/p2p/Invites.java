package parley.p2p;

import java.time.Duration;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.p2p.link.Fingerprint;
import parley.p2p.link.LinkIdentity;
import parley.p2p.link.P2pMessages;
import parley.p2p.link.Token;

/** The server's side of a link, driven by hand from plain clients that have no P2P of their own. */
final class Invites {

    static final Duration LONG = P2pServer.LONG;

    /** The link certificate of every hand-driven client: what it sends the server, and shows on its links. */
    static final LinkIdentity HAND = LinkIdentity.generate();

    private Invites() {
    }

    /** What an invite gave its side. */
    record Got(String link, Token token, Message invite) {

        Fingerprint peerFingerprint() {
            return Fingerprint.parse(invite.get("peer").get("fingerprint").stringValue());
        }

        int peerPort() {
            return invite.get("peer").get("port").intValue();
        }

        int relayPort() {
            return invite.get("relay").get("port").intValue();
        }
    }

    /** {@code from} asks for a link with {@code to}; returns the link's id. */
    static String request(ParleyClient from, String to) {
        Message ok = from.call(Message.of(P2pMessages.REQUEST).put("peer", to).put("fingerprint", HAND.fingerprint().text()),
                LONG);
        if (!"OK".equals(ok.type())) {
            throw new RefusedException(P2pMessages.REQUEST, ok);
        }
        return ok.text("link");
    }

    /** The invite for {@code link}, waited for on {@code client}'s pushes. */
    static Got invite(ParleyClient client, String link) {
        Message invite = client.awaitPush(m -> P2pMessages.INVITE.equals(m.type()) && link.equals(m.text("link")), LONG);
        return new Got(link, Token.parse(invite.text("token")), invite);
    }

    /** A full invitation by hand: alice asks, bob accepts with {@code port}; both invites. */
    static Got[] both(ParleyClient alice, ParleyClient bob, int port) {
        String link = request(alice, bob.pseudo());
        bob.awaitPush(m -> P2pMessages.ASK.equals(m.type()) && link.equals(m.text("link")), LONG);
        Message accepted = bob.call(Message.of(P2pMessages.ACCEPT).put("link", link).put("port", port)
                .put("fingerprint", HAND.fingerprint().text()), LONG);
        if (!"OK".equals(accepted.type())) {
            throw new RefusedException(P2pMessages.ACCEPT, accepted);
        }
        return new Got[] {invite(alice, link), invite(bob, link)};
    }
}
