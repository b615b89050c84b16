package parley.transport.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts a server by its certificate's fingerprint alone (a pin, or what trust on first use remembers),
 * not by who signed it. The JDK calls it on the handshaking thread; it throws
 * {@link UntrustedServerException} with the message to show when the fingerprint is not the expected one.
 */
final class FingerprintTrustManager extends X509ExtendedTrustManager {

    /** Given the fingerprint the server shows: null to accept, or why it is refused. */
    private final Function<Fingerprint, String> verdict;

    FingerprintTrustManager(Function<Fingerprint, String> verdict) {
        this.verdict = verdict;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new UntrustedServerException("the server showed no certificate");
        }
        String refusal = verdict.apply(Fingerprint.of(chain[0]));
        if (refusal != null) {
            throw new UntrustedServerException(refusal);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a Parley client does not take connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /** A server certificate refused by its fingerprint; the message says why and what to do. */
    static final class UntrustedServerException extends CertificateException {
        UntrustedServerException(String message) {
            super(message);
        }
    }
}
