package parley.p2p;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;

import parley.api.Message;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.LinkIdentity;
import parley.p2p.link.LinkTls;
import parley.p2p.link.Nonces;
import parley.p2p.link.P2pMessages;
import parley.p2p.link.Token;

/** Hand-made P2P connections, for the attacks the real client never makes. */
final class Raw {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Raw() {
    }

    static Token randomToken() {
        return Token.random(new SecureRandom());
    }

    /**
     * Dials a callee and runs the caller's side of the handshake, proving with {@code proveWith}
     * (and checking the callee's proof with {@code realToken}, when given).
     *
     * @return the callee's last answer: P2P_WELCOME, or P2P_DENIED with its reason
     */
    static Message call(int port, String link, String pseudo, Token proveWith, Token realToken) throws IOException {
        return call(port, link, pseudo, proveWith, realToken, Invites.HAND);
    }

    /** The same, over TLS showing {@code as}'s certificate (the callee's is taken as it comes). */
    static Message call(int port, String link, String pseudo, Token proveWith, Token realToken, LinkIdentity as)
            throws IOException {
        try (LinkChannel channel = tls(port, as)) {
            String mine = Nonces.fresh();
            channel.send(Message.of(P2pMessages.HELLO).put("link", link).put("pseudo", pseudo).put("nonce", mine));
            Message challenge = channel.readMessage();
            if (!P2pMessages.CHALLENGE.equals(challenge.type())) {
                return challenge;
            }
            String theirs = challenge.text("nonce");
            if (realToken != null && !realToken.verify(challenge.text("proof"), P2pMessages.CALLEE, link, mine, theirs)) {
                throw new AssertionError("the real callee's proof did not verify");
            }
            channel.send(Message.of(P2pMessages.PROOF).put("proof", proveWith.prove(P2pMessages.CALLER, link, mine, theirs)));
            return channel.readMessage();
        }
    }

    /** A TLS connection to a callee's port, showing {@code as}'s certificate, taking any from the callee. */
    static LinkChannel tls(int port, LinkIdentity as) throws IOException {
        LinkChannel plain = LinkChannel.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT, 1 << 20);
        plain.readTimeout(TIMEOUT);
        return LinkTls.asCaller(plain.socket(), as, null, "the callee", 1 << 20);
    }

    /** Presents itself to the relay; returns the relay's answer (READY or REFUSED), with the channel open. */
    static Presented present(int relayPort, String link, String role, Token token) throws IOException {
        LinkChannel channel = LinkChannel.connect(new InetSocketAddress("127.0.0.1", relayPort), TIMEOUT, 1 << 20);
        channel.readTimeout(TIMEOUT);
        Message challenge = channel.readMessage();
        String nonce = challenge.text("nonce");
        channel.send(Message.of(P2pMessages.RELAY_JOIN).put("link", link).put("role", role)
                .put("proof", token.prove(P2pMessages.RELAY_PURPOSE, link, role, nonce)));
        return new Presented(channel);
    }

    /** A relay connection after its presentation. */
    record Presented(LinkChannel channel) implements AutoCloseable {

        /** The relay's next answer. */
        Message answer() throws IOException {
            return channel.readMessage();
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
