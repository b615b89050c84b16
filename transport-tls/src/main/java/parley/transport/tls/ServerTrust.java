package parley.transport.tls;

import java.nio.file.Path;

/**
 * How a TLS client decides to trust a server's certificate.
 *
 * <ul>
 *   <li>{@link SystemStore}: the JDK's trust store (a certificate from a public authority, such as Let's
 *       Encrypt), and the host name must match it;
 *   <li>{@link Pinned}: exactly the certificate with this fingerprint, whoever signed it (a self-signed one);
 *   <li>{@link FirstUse}: whatever the server shows the first time, remembered in a file, and then only
 *       that one: a changed certificate is refused (as SSH does with known_hosts).
 * </ul>
 */
public sealed interface ServerTrust {

    /** Certificates a public authority signed, as the system trust store says, for the host dialled. */
    record SystemStore() implements ServerTrust {
    }

    /** Only the certificate with this fingerprint. */
    record Pinned(Fingerprint fingerprint) implements ServerTrust {
    }

    /** Trust on first use, remembered per {@code host:port} in {@code knownServers}. */
    record FirstUse(Path knownServers) implements ServerTrust {
    }

    static ServerTrust systemStore() {
        return new SystemStore();
    }

    static ServerTrust pinned(String fingerprint) {
        return new Pinned(Fingerprint.parse(fingerprint));
    }

    /** Trust on first use with {@code ~/.parley/known_servers}. */
    static ServerTrust firstUse() {
        return new FirstUse(KnownServers.defaultFile());
    }
}
