package parley.transport.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.transport.ClientConnection;
import parley.api.transport.ClientConnector;
import parley.api.transport.FramedClientConnection;

/**
 * Opens framed client connections inside TLS (1.3 or 1.2), trusting the server as its
 * {@link ServerTrust} says ({@code parley client --tls}, with {@code --pin} or the {@code tls.*} client
 * settings, through {@link #with}). Programmatically: {@code ParleyClient.connect(new TlsConnector(trust), host, port,
 * options)}. The handshake runs on the calling thread, within the connect timeout; a refused
 * certificate fails {@link #connect} with an {@link IOException} saying why and what to do.
 * Thread-safe; one connector serves many connections.
 */
public final class TlsConnector implements ClientConnector {

    private static final Logger LOG = LoggerFactory.getLogger(TlsConnector.class);

    private final ServerTrust trust;

    /** Trust on first use with {@code ~/.parley/known_servers}: the connector the plugin provides. */
    public TlsConnector() {
        this(ServerTrust.firstUse());
    }

    public TlsConnector(ServerTrust trust) {
        this.trust = trust;
    }

    /** The connector for the client settings {@code tls.pin}, {@code tls.trust} and {@code tls.known-servers}. */
    @Override
    public ClientConnector with(parley.api.Config settings) {
        return new TlsConnector(TlsSettings.trust(settings));
    }

    public ServerTrust trust() {
        return trust;
    }

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public ClientConnection connect(String host, int port, Duration timeout, int maxFrameBytes,
                                    ClientConnection.Listener listener) throws IOException {
        String server = host + ":" + port;
        Optional<Fingerprint> known = trust instanceof ServerTrust.FirstUse(var file)
                ? new KnownServers(file).lookup(server) : Optional.empty();
        SSLEngine engine = engine(host, port, server, known);
        SocketChannel channel = SocketChannel.open();
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            channel.socket().connect(new InetSocketAddress(host, port), (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        } catch (IOException e) {
            channel.close();
            throw new IOException("cannot connect to " + server + ": " + e.getMessage()
                    + " (is the server running? start one with ./parley server)", e);
        }
        TlsChannel tls = new TlsChannel(engine, channel);
        AtomicBoolean done = new AtomicBoolean();
        Thread watchdog = Thread.ofVirtual().name("parley-tls-handshake-timeout").start(() -> {
            try {
                Thread.sleep(timeout);
                if (!done.get()) {
                    channel.close();
                }
            } catch (InterruptedException | IOException e) {
                // the handshake ended first
            }
        });
        try {
            tls.handshake();
        } catch (SSLException e) {
            channel.close();
            throw new IOException("TLS with " + server + " failed: " + why(e), e);
        } catch (IOException e) {
            channel.close();
            throw new IOException("TLS with " + server + " failed: " + (done.get() || channel.isOpen() ? e.getMessage()
                    : "no handshake within " + timeout.toMillis() + " ms") + " (is it a Parley server with the tls plugin?)", e);
        } finally {
            done.set(true);
            watchdog.interrupt();
        }
        if (trust instanceof ServerTrust.FirstUse(var file) && known.isEmpty()) {
            Fingerprint seen = Fingerprint.of((X509Certificate) engine.getSession().getPeerCertificates()[0]);
            new KnownServers(file).remember(server, seen);
            LOG.warn("first connection to {}: its certificate {} is now trusted and remembered in {}", server, seen, file);
        }
        return FramedClientConnection.start(tls, channel, false, maxFrameBytes, listener);
    }

    private SSLEngine engine(String host, int port, String server, Optional<Fingerprint> known) throws IOException {
        try {
            TrustManager[] managers = switch (trust) {
                case ServerTrust.SystemStore s -> {
                    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    factory.init((KeyStore) null);
                    yield factory.getTrustManagers();
                }
                case ServerTrust.Pinned(Fingerprint pin) -> new TrustManager[] {new FingerprintTrustManager(seen ->
                        seen.equals(pin) ? null : "the server " + server + " shows certificate " + seen
                                + ", not the pinned " + pin + "; if its operator changed it, pin the new fingerprint"
                                + " the server prints at start (tls fingerprint ...)")};
                case ServerTrust.FirstUse(var file) -> new TrustManager[] {new FingerprintTrustManager(seen ->
                        known.isEmpty() || known.get().equals(seen) ? null : changed(server, known.get(), seen, file))};
            };
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, managers, null);
            SSLEngine engine = context.createSSLEngine(host, port);
            engine.setUseClientMode(true);
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setProtocols(Credentials.PROTOCOLS);
            if (trust instanceof ServerTrust.SystemStore) {
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
            }
            engine.setSSLParameters(parameters);
            return engine;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static String changed(String server, Fingerprint known, Fingerprint seen, java.nio.file.Path file) {
        return "WARNING: THE CERTIFICATE OF " + server + " HAS CHANGED. It was " + known + " and is now " + seen
                + ". Someone may be intercepting this connection, or its operator replaced the certificate."
                + " If you know the change is genuine, remove the line for " + server + " from " + file
                + " and connect again.";
    }

    /** The refusal message of this connector's own trust manager, or the JDK's. */
    private static String why(SSLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FingerprintTrustManager.UntrustedServerException refused) {
                return refused.getMessage();
            }
        }
        return e.getMessage();
    }
}
