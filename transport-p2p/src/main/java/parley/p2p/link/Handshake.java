package parley.p2p.link;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;

import javax.net.ssl.SSLException;

import parley.api.Message;
import parley.api.Sessions;

/**
 * The four-frame handshake that opens a link, direct or through the relay. Both sides prove they
 * hold the link's {@link Token} without sending it:
 * <pre>
 * caller → callee  P2P_HELLO     {link, pseudo, nonce: Na}
 * callee → caller  P2P_CHALLENGE {nonce: Nb, proof: HMAC(token, "callee", link, Na, Nb)}
 * caller → callee  P2P_PROOF     {proof: HMAC(token, "caller", link, Na, Nb)}
 * callee → caller  P2P_WELCOME   {}
 * </pre>
 * The callee answers {@code P2P_DENIED {reason}} and closes at any step it refuses. Each proof
 * covers both fresh nonces, so a recorded handshake is worth nothing in another one, and the
 * purposes differ, so the callee's proof cannot serve as the caller's.
 *
 * <p>Blocking: it runs on the connection's own thread; the caller of these methods sets the read
 * timeout. Failure: {@link LinkException} with a reason for the user, or the {@link IOException} of
 * the connection.
 */
public final class Handshake {

    private static final int MAX_LINK_ID = 64;

    private Handshake() {
    }

    /** What the callee's side decides about a HELLO. */
    @FunctionalInterface
    public interface Gate {
        /**
         * @return the token this link must prove
         * @throws LinkException with the reason sent back in P2P_DENIED
         */
        Token admit(String link, String pseudo) throws LinkException;
    }

    /**
     * The caller's side; returns once the callee welcomed it.
     *
     * @param peer the callee's pseudo, for the reasons
     */
    public static void asCaller(LinkChannel channel, String link, String pseudo, String peer, Token token)
            throws IOException {
        String mine = Nonces.fresh();
        channel.send(Message.of(P2pMessages.HELLO).put("link", link).put("pseudo", pseudo).put("nonce", mine));
        Message challenge = read(channel, peer);
        denied(challenge, peer);
        String theirs = challenge.text("nonce");
        if (!P2pMessages.CHALLENGE.equals(challenge.type()) || !Nonces.valid(theirs)) {
            throw new LinkException("the other end answered " + challenge.type() + " instead of a P2P_CHALLENGE with a nonce:"
                    + " it does not speak Parley P2P");
        }
        if (!token.verify(challenge.text("proof"), P2pMessages.CALLEE, link, mine, theirs)) {
            throw new LinkException("the other end could not prove it holds the link's token: it is not " + peer);
        }
        channel.send(Message.of(P2pMessages.PROOF).put("proof", token.prove(P2pMessages.CALLER, link, mine, theirs)));
        Message welcome = read(channel, peer);
        denied(welcome, peer);
        if (!P2pMessages.WELCOME.equals(welcome.type())) {
            throw new LinkException(peer + " answered " + welcome.type() + " instead of P2P_WELCOME");
        }
    }

    /** The HELLO the callee accepted. */
    public record Hello(String link, String pseudo) {
    }

    /**
     * The callee's side: reads HELLO, asks the gate, proves, checks the caller's proof, welcomes.
     * Denies and throws at the first thing wrong.
     */
    public static Hello asCallee(LinkChannel channel, Gate gate) throws IOException {
        Message hello = read(channel, "the caller");
        String link = hello.text("link");
        String pseudo = hello.text("pseudo");
        String theirs = hello.text("nonce");
        if (!P2pMessages.HELLO.equals(hello.type()) || link == null || link.isEmpty() || link.length() > MAX_LINK_ID
                || !Sessions.isValidPseudo(pseudo) || !Nonces.valid(theirs)) {
            throw deny(channel, "a link starts with P2P_HELLO carrying link, pseudo and nonce");
        }
        Token token;
        try {
            token = gate.admit(link, pseudo);
        } catch (LinkException e) {
            throw deny(channel, e.getMessage());
        }
        String mine = Nonces.fresh();
        channel.send(Message.of(P2pMessages.CHALLENGE).put("nonce", mine)
                .put("proof", token.prove(P2pMessages.CALLEE, link, theirs, mine)));
        Message proof = read(channel, pseudo);
        if (!P2pMessages.PROOF.equals(proof.type())
                || !token.verify(proof.text("proof"), P2pMessages.CALLER, link, theirs, mine)) {
            throw deny(channel, "wrong token for link " + link + ": the proof does not match");
        }
        channel.send(Message.of(P2pMessages.WELCOME));
        return new Hello(link, pseudo);
    }

    private static Message read(LinkChannel channel, String who) throws IOException {
        try {
            return channel.readMessage();
        } catch (EOFException e) {
            throw new LinkException(who + " closed the connection during the handshake");
        } catch (SocketTimeoutException e) {
            throw new LinkException(who + " did not answer in time during the handshake");
        } catch (SSLException e) {
            // TLS 1.3: the TLS server checks the client's certificate after the client's handshake ended,
            // so its refusal (an alert) arrives on the first read
            throw new LinkException(LinkTls.describe(e, who));
        }
    }

    private static void denied(Message message, String peer) throws LinkException {
        if (P2pMessages.DENIED.equals(message.type())) {
            throw new LinkException(peer + "'s end refused the link: " + message.text("reason"));
        }
    }

    private static LinkException deny(LinkChannel channel, String reason) {
        try {
            channel.send(Message.of(P2pMessages.DENIED).put("reason", reason));
        } catch (IOException e) {
            // the caller is gone already
        }
        channel.close();
        return new LinkException(reason);
    }
}
