package parley.p2p.link;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * TLS between the two clients of a link, direct or through the relay (which copies the TLS records
 * without reading them): the caller is the TLS client, the callee the TLS server, TLS 1.3 only, and
 * each shows its {@link LinkIdentity} (client authentication is required). Each side pins the
 * fingerprint the server announced for the other: the caller during the TLS handshake, before it sends
 * a byte of its own; the callee right after the P2P_HELLO that names the link (its listener serves
 * several links, and a TLS 1.3 client would hear of a refusal only on its first read, so a P2P_DENIED
 * with the reason is clearer), before any proof: {@link Handshake#asCallee}'s gate compares
 * {@link LinkChannel#peerFingerprint()} with the link's pin. The token proof then runs inside the TLS
 * channel as before.
 *
 * <p>Blocking: the handshake runs on the calling thread, bounded by the socket's read timeout, which
 * the caller sets. Failure: {@link LinkException} with a message for the user (a certificate that is
 * not the pinned one, a refused handshake), or the {@link IOException} of the connection
 * ({@link SocketTimeoutException} when the timeout passed); the socket is closed either way.
 */
public final class LinkTls {

    private static final String[] PROTOCOLS = {"TLSv1.3"};
    /** How the JDK words an alert from the other end: {@code Received fatal alert: bad_certificate}. */
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: ([a-z_]+)");

    private LinkTls() {
    }

    /**
     * The caller's side: TLS client on {@code raw}, which must have nothing read from it yet.
     *
     * @param pin  the callee's fingerprint, from the invite
     * @param peer the callee's pseudo, for the messages
     */
    public static LinkChannel asCaller(Socket raw, LinkIdentity me, Fingerprint pin, String peer, int maxFrameBytes)
            throws IOException {
        try {
            InetSocketAddress remote = (InetSocketAddress) raw.getRemoteSocketAddress();
            SSLSocket tls = (SSLSocket) me.context(new PinnedTrust(pin, peer)).getSocketFactory()
                    .createSocket(raw, remote.getHostString(), remote.getPort(), true);
            tls.setUseClientMode(true);
            return handshake(tls, peer, maxFrameBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /**
     * The callee's side: TLS server on {@code raw}.
     *
     * @param readAhead bytes already read from {@code raw} (after the relay's READY), or null
     * @param pin       the caller's fingerprint, or null when the link is not known yet: then any
     *                  certificate passes here and {@link LinkChannel#peerFingerprint()} must be
     *                  checked against the link's pin before anything else
     * @param peer      the caller's pseudo, or a description, for the messages
     */
    public static LinkChannel asCallee(Socket raw, byte[] readAhead, LinkIdentity me, Fingerprint pin, String peer,
                                       int maxFrameBytes) throws IOException {
        try {
            SSLSocket tls = (SSLSocket) me.context(new PinnedTrust(pin, peer)).getSocketFactory()
                    .createSocket(raw, readAhead == null || readAhead.length == 0 ? null
                            : new ByteArrayInputStream(readAhead), true);
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            return handshake(tls, peer, maxFrameBytes);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static LinkChannel handshake(SSLSocket tls, String peer, int maxFrameBytes) throws IOException {
        tls.setEnabledProtocols(PROTOCOLS);
        try {
            tls.startHandshake();
            return new LinkChannel(tls, maxFrameBytes);
        } catch (SocketTimeoutException e) {
            tls.close();
            throw e;
        } catch (SSLException e) {
            tls.close();
            throw new LinkException(describe(e, peer));
        } catch (IOException | RuntimeException e) {
            tls.close();
            throw e;
        }
    }

    /** Why a handshake failed, for the user: our pin check's own message when it was that. */
    static String describe(SSLException e, String peer) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PinnedTrust.PinMismatchException mismatch) {
                return mismatch.getMessage();
            }
        }
        String message = String.valueOf(e.getMessage());
        Matcher alert = ALERT.matcher(message);
        if (alert.find()) {
            return peer + "'s end refused the TLS handshake (alert " + alert.group(1) + "): it did not take this"
                    + " client's certificate, which is not the one the server announced to it";
        }
        return "the TLS handshake with " + peer + " failed: " + message;
    }
}
