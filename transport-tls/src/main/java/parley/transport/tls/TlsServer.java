package parley.transport.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import parley.api.Config;

/**
 * One server's TLS state, shared by the plugin's {@link TlsFeature} (which configures it at start) and
 * its {@link TlsProtocol} (which serves connections with it): the settings, the certificate, and the
 * timer that bounds handshakes.
 *
 * <p>A {@link parley.api.transport.ConnectionProtocol} is made with no context, so the two meet through
 * {@link #forThisLoad}: the kernel makes a plugin's features, then its protocols, then starts the
 * features, all on the thread that loads the plugin; the feature made first leaves its state for the
 * protocol made next on that thread.
 */
final class TlsServer {

    private static final ThreadLocal<TlsServer> LOADING = new ThreadLocal<>();

    private volatile Credentials credentials;
    private volatile boolean required;
    private volatile Duration handshakeTimeout = TlsSettings.HANDSHAKE_TIMEOUT.defaultValue();
    private final ScheduledExecutorService timer;

    private TlsServer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("parley-tls-timer").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** Called by the feature's constructor: a fresh state for the plugin being loaded on this thread. */
    static TlsServer newForThisLoad() {
        TlsServer server = new TlsServer();
        LOADING.set(server);
        return server;
    }

    /** Called by the protocol's constructor: the state the feature made on this thread, or an idle one. */
    static TlsServer forThisLoad() {
        TlsServer server = LOADING.get();
        LOADING.remove();
        return server != null ? server : new TlsServer();
    }

    /**
     * Reads the settings and the certificate, making the self-signed one first if no {@code tls.cert} is set.
     *
     * @throws IOException naming the file at fault and the setting to fix
     */
    void start(Config config) throws IOException {
        String cert = config.get(TlsSettings.CERT).trim();
        String key = config.get(TlsSettings.KEY).trim();
        Credentials.Files files;
        if (cert.isEmpty() && key.isEmpty()) {
            files = SelfSigned.ensure(TlsSettings.selfSignedDir(config));
        } else if (cert.isEmpty() || key.isEmpty()) {
            throw new IOException("tls.cert and tls.key go together: set both (the certificate chain and its"
                    + " private key, PEM), or neither for a self-signed certificate");
        } else {
            files = new Credentials.Files(Path.of(cert), Path.of(key));
        }
        this.required = config.get(TlsSettings.REQUIRED);
        this.handshakeTimeout = config.get(TlsSettings.HANDSHAKE_TIMEOUT);
        this.credentials = new Credentials(files);
    }

    void stop() {
        timer.shutdownNow();
    }

    /** Null until {@link #start}, and when the feature failed to start: the protocol then takes nothing. */
    Credentials credentials() {
        return credentials;
    }

    boolean required() {
        return required;
    }

    Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** Runs {@code task} after the handshake timeout unless cancelled first. */
    ScheduledFuture<?> afterHandshakeTimeout(Runnable task) {
        return timer.schedule(task, handshakeTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
