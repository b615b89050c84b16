package parley.transport.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate and key, read from PEM files and read again when either file changes (its
 * modification time or size): each new handshake asks {@link #engine()}, which looks at the files
 * (two stats) and uses what they hold now. A change that does not load (a half-written file, a key
 * that does not match) is logged once and the previous certificate stays in use. Thread-safe.
 */
final class Credentials {

    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);
    private static final char[] NO_PASSWORD = new char[0];
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** The two PEM files. */
    record Files(Path cert, Path key) {
    }

    /** What was loaded, and the files' state it was loaded from. */
    private record Loaded(SSLContext context, X509Certificate leaf, Object certStamp, Object keyStamp) {
    }

    private final Files files;
    private volatile Loaded loaded;
    private Object failedStamp;

    /**
     * Loads the files.
     *
     * @throws IOException naming the file and what is wrong with it
     */
    Credentials(Files files) throws IOException {
        this.files = files;
        this.loaded = load();
    }

    Files files() {
        return files;
    }

    /** The certificate in use now. */
    X509Certificate certificate() {
        return loaded.leaf();
    }

    Fingerprint fingerprint() {
        return Fingerprint.of(loaded.leaf());
    }

    /** A server engine with the certificate the files hold now, TLS 1.3 and 1.2 only. */
    SSLEngine engine() {
        SSLEngine engine = current().context().createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(PROTOCOLS);
        return engine;
    }

    private Loaded current() {
        Loaded now = loaded;
        Object certStamp = stamp(files.cert());
        Object keyStamp = stamp(files.key());
        if (certStamp.equals(now.certStamp()) && keyStamp.equals(now.keyStamp())) {
            return now;
        }
        synchronized (this) {
            now = loaded;
            if (certStamp.equals(now.certStamp()) && keyStamp.equals(now.keyStamp())) {
                return now;
            }
            List<Object> stamps = List.of(certStamp, keyStamp);
            if (stamps.equals(failedStamp)) {
                return now;
            }
            try {
                Loaded fresh = load();
                loaded = fresh;
                failedStamp = null;
                LOG.info("tls certificate reloaded from {}: fingerprint {}", files.cert(), Fingerprint.of(fresh.leaf()));
                return fresh;
            } catch (IOException e) {
                failedStamp = stamps;
                LOG.warn("tls certificate files changed but do not load ({}); still using fingerprint {}",
                        e.getMessage(), Fingerprint.of(now.leaf()));
                return now;
            }
        }
    }

    private Loaded load() throws IOException {
        Object certStamp = stamp(files.cert());
        Object keyStamp = stamp(files.key());
        List<X509Certificate> chain = Pem.certificates(files.cert());
        PrivateKey key = Pem.privateKey(files.key());
        checkPair(key, chain.get(0));
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("parley", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return new Loaded(context, chain.get(0), certStamp, keyStamp);
        } catch (GeneralSecurityException e) {
            throw new IOException("the key in " + files.key() + " does not go with the certificate in "
                    + files.cert() + ": " + e.getMessage(), e);
        }
    }

    /** Fails unless {@code key} signs what the certificate's public key verifies. */
    private void checkPair(PrivateKey key, X509Certificate leaf) throws IOException {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // EdDSA names its signature after itself
        };
        byte[] probe = "parley".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new IOException("the key in " + files.key() + " is not the key of the first certificate in "
                    + files.cert() + ": set tls.key to the private key that goes with tls.cert");
        }
    }

    private static Object stamp(Path file) {
        try {
            BasicFileAttributes attributes = java.nio.file.Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return "missing";
        }
    }
}
