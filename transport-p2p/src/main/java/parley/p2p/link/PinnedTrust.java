package parley.p2p.link;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts the other end of a link by its certificate's fingerprint alone: the one the server announced
 * in the invite (the caller's check), or, for the callee, which does not know the link yet, any one,
 * checked against the link's pin once the HELLO names it. Not who signed it, not its names or dates. The JDK calls it on the
 * handshaking thread; it throws {@link PinMismatchException} with the message for the user.
 */
final class PinnedTrust extends X509ExtendedTrustManager {

    private final Fingerprint expected;
    private final String peer;

    /**
     * @param expected the pinned fingerprint, or null to take any certificate (checked after the HELLO)
     * @param peer     who the other end should be, for the message
     */
    PinnedTrust(Fingerprint expected, String peer) {
        this.expected = expected;
        this.peer = peer;
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new PinMismatchException(peer + "'s end showed no certificate");
        }
        if (expected == null) {
            return;
        }
        Fingerprint shown = Fingerprint.of(chain[0]);
        if (!shown.equals(expected)) {
            throw new PinMismatchException(mismatch(peer, shown, expected));
        }
    }

    /** The message for a certificate that is not the pinned one. */
    static String mismatch(String peer, Fingerprint shown, Fingerprint expected) {
        return peer + "'s end showed certificate " + shown + ", not " + expected + " that the server announced:"
                + " it is not " + peer + ", or someone is in the middle; the link is refused";
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        check(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** A peer certificate refused by its fingerprint; the message says whose and which. */
    static final class PinMismatchException extends CertificateException {
        PinMismatchException(String message) {
            super(message);
        }
    }
}
