package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/** How the TLS client trusts a server: a pinned fingerprint, trust on first use, the system trust store. */
class ServerTrustTest {

    private static final String OTHER = "SHA256:" + "AB:".repeat(31) + "AB";

    @TempDir
    static Path data;

    @TempDir
    Path home;

    private static ParleyServer server;
    private static Fingerprint fingerprint;

    @BeforeAll
    static void startServer() throws Exception {
        server = TlsServers.start(data, Map.of());
        fingerprint = TlsServers.selfSigned(data);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private String address() {
        return "127.0.0.1:" + server.address().getPort();
    }

    @Test
    void aPinnedFingerprintIsAcceptedInAnyWrittenForm() throws Exception {
        String lower = fingerprint.text().toLowerCase(java.util.Locale.ROOT).replace(":", "").replace("sha256", "SHA256:");
        try (ParleyClient client = TlsServers.tlsClient(server, ServerTrust.pinned(lower))) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
        }
    }

    @Test
    void aWrongPinIsRefusedNamingBothFingerprints() {
        assertThatThrownBy(() -> TlsServers.tlsClient(server, ServerTrust.pinned(OTHER)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("shows certificate " + fingerprint)
                .hasMessageContaining("not the pinned " + OTHER);
    }

    @Test
    void firstUseRemembersTheServerThenAcceptsIt() throws Exception {
        Path known = home.resolve(".parley").resolve("known_servers");
        try (ParleyClient client = TlsServers.tlsClient(server, new ServerTrust.FirstUse(known))) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
        }
        assertThat(Files.readAllLines(known)).containsExactly(address() + " " + fingerprint);
        try (ParleyClient client = TlsServers.tlsClient(server, new ServerTrust.FirstUse(known))) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
        }
        assertThat(Files.readAllLines(known)).hasSize(1);
    }

    @Test
    void firstUseRefusesAChangedCertificateLoudlyNamingTheFile() throws Exception {
        Path known = home.resolve("known_servers");
        Files.writeString(known, "# servers met\nexample.org:7777 " + fingerprint + "\n" + address() + " " + OTHER + "\n");
        assertThatThrownBy(() -> TlsServers.tlsClient(server, new ServerTrust.FirstUse(known)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("THE CERTIFICATE OF " + address() + " HAS CHANGED")
                .hasMessageContaining("It was " + OTHER + " and is now " + fingerprint)
                .hasMessageContaining("remove the line for " + address() + " from " + known);
        assertThat(Files.readString(known)).doesNotContain(address() + " " + fingerprint);
    }

    @Test
    void theSystemTrustStoreDoesNotTrustASelfSignedCertificate() {
        assertThatThrownBy(() -> TlsServers.tlsClient(server, ServerTrust.systemStore()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("TLS with " + address() + " failed");
    }

    @Test
    void theProvidedConnectorTakesItsTrustFromTheClientSettings() throws Exception {
        TlsConnector pinned = (TlsConnector) new TlsConnector().with(Config.of(Map.of("tls.pin", fingerprint.text())));
        assertThat(pinned.trust()).isEqualTo(new ServerTrust.Pinned(fingerprint));
        try (ParleyClient client = ParleyClient.connect(pinned, "127.0.0.1", server.address().getPort(),
                ParleyClient.Options.defaults())) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
        }
        assertThat(((TlsConnector) new TlsConnector().with(Config.of(Map.of("tls.trust", "system")))).trust())
                .isEqualTo(new ServerTrust.SystemStore());
        Path known = home.resolve("k");
        assertThat(((TlsConnector) new TlsConnector().with(Config.of(Map.of("tls.known-servers", known.toString())))).trust())
                .isEqualTo(new ServerTrust.FirstUse(known));
        assertThatThrownBy(() -> new TlsConnector().with(Config.of(Map.of("tls.pin", "nonsense"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("setting 'tls.pin': 'nonsense'");
    }

    @Test
    void aPlainClientStillFindsTheTcpConnectorBesideTheTlsOne() throws Exception {
        try (ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            assertThat(TlsServers.conn(client)).isEqualTo("tcp/framed secure=false");
        }
    }

    @Test
    void aBadPinIsRefusedBeforeConnecting() {
        assertThatThrownBy(() -> ServerTrust.pinned("SHA256:12:34"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a SHA-256 fingerprint");
    }
}
