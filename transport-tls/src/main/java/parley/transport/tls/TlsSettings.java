package parley.transport.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.Config;
import parley.api.Setting;

/** The TLS plugin's server settings, with their defaults. */
public final class TlsSettings {

    public static final Setting<String> CERT = Setting.text("tls.cert", "",
            "PEM file with the server's certificate chain (e.g. Let's Encrypt's fullchain.pem); empty: a self-signed"
                    + " certificate kept in data-dir");

    public static final Setting<String> KEY = Setting.text("tls.key", "",
            "PEM file with the certificate's private key, PKCS#8 (e.g. Let's Encrypt's privkey.pem)");

    public static final Setting<Boolean> REQUIRED = Setting.flag("tls.required", false,
            "true refuses plain-text connections with an ERROR; false (default) serves old text clients too");

    public static final Setting<Duration> HANDSHAKE_TIMEOUT = Setting.duration("tls.handshake-timeout",
            Duration.ofSeconds(10), "how long a TLS handshake may take before the connection is closed");

    /** Read through its raw value, with the files plugin's default: that plugin declares it. */
    static final String DATA_DIR = "data-dir";

    public static final List<Setting<?>> ALL = List.of(CERT, KEY, REQUIRED, HANDSHAKE_TIMEOUT);

    // --- client settings (parley client --tls --set key=value; --pin sets tls.pin)

    /** How the client trusts a server when no pin is given. */
    public enum Trust { FIRST_USE, SYSTEM }

    public static final Setting<String> PIN = Setting.text("tls.pin", "",
            "trust only the server certificate with this fingerprint (SHA256:AB:CD:..., as the server prints at start)");

    public static final Setting<Trust> TRUST = new Setting<>("tls.trust", Trust.FIRST_USE,
            "without a pin: first-use (remember each server's certificate in tls.known-servers and refuse a changed one)"
                    + " or system (the system trust store, e.g. a Let's Encrypt certificate)",
            s -> switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "first-use" -> Trust.FIRST_USE;
                case "system" -> Trust.SYSTEM;
                default -> throw new IllegalArgumentException("expected first-use or system");
            }, t -> t == Trust.SYSTEM ? "system" : "first-use");

    public static final Setting<Path> KNOWN_SERVERS = Setting.path("tls.known-servers", KnownServers.defaultFile(),
            "where trust on first use remembers the servers' certificates, one 'host:port SHA256:...' a line");

    public static final List<Setting<?>> CLIENT = List.of(PIN, TRUST, KNOWN_SERVERS);

    /** The trust the client settings ask for. */
    static ServerTrust trust(Config settings) {
        String pin = settings.get(PIN).trim();
        if (!pin.isEmpty()) {
            try {
                return new ServerTrust.Pinned(Fingerprint.parse(pin));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting 'tls.pin': " + e.getMessage(), e);
            }
        }
        return settings.get(TRUST) == Trust.SYSTEM ? new ServerTrust.SystemStore()
                : new ServerTrust.FirstUse(settings.get(KNOWN_SERVERS));
    }

    private TlsSettings() {
    }

    /** Where the self-signed certificate is kept: {@code <data-dir>/tls}, data-dir defaulting as the files plugin's does. */
    static Path selfSignedDir(Config config) {
        String raw = config.raw(DATA_DIR);
        Path data;
        if (raw != null && !raw.isBlank()) {
            data = Path.of(raw.trim());
        } else {
            String home = System.getProperty("parley.home");
            data = home == null ? Path.of("data") : Path.of(home, "data");
        }
        return data.resolve("tls");
    }
}
