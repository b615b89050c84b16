package parley.transport.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.ServerContext;
import parley.api.spi.ServerFeature;

/**
 * Starts TLS for one server: reads the {@code tls.*} settings and the certificate (making a self-signed
 * one in {@code data-dir} the first time none is configured) and prints its fingerprint in one line,
 * {@code tls fingerprint SHA256:AB:CD:...}, for clients to pin.
 *
 * <p>{@link #start} runs on the thread that loads plugins; it blocks on reading (and the first time
 * writing) the PEM files. When it throws (a missing or unreadable file, a key that is not PKCS#8), the
 * plugin is reported as failed with that message and the server runs without TLS.
 */
public final class TlsFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(TlsFeature.class);

    private final TlsServer server;

    public TlsFeature() {
        this.server = TlsServer.newForThisLoad();
    }

    @Override
    public void start(ServerContext context) throws Exception {
        server.start(context.config());
        Credentials credentials = server.credentials();
        System.out.println("tls fingerprint " + credentials.fingerprint());
        LOG.info("tls certificate {} ({}), {}", credentials.files().cert(),
                credentials.certificate().getSubjectX500Principal().getName(),
                server.required() ? "plain-text connections refused (tls.required)" : "plain-text connections served too");
    }

    @Override
    public void stop() {
        server.stop();
    }
}
