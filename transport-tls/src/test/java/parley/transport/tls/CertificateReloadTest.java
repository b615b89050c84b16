package parley.transport.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * A certificate from {@code tls.cert} and {@code tls.key} PEM files (PKCS#8, as Let's Encrypt gives),
 * read again when they change: the next handshake shows the new certificate, a client that remembered
 * the old one refuses it, and files that do not load leave the old one in use.
 */
class CertificateReloadTest {

    @TempDir
    Path dir;

    /** Writes a fresh EC certificate and its PKCS#8 key; returns its fingerprint. */
    private Fingerprint writeCertificate(Path cert, Path key, int generation) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] der = SelfSigned.certificate(pair, ZonedDateTime.now(ZoneOffset.UTC));
        Files.writeString(key, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(cert, Pem.encode("CERTIFICATE", der));
        FileTime time = FileTime.from(Instant.now().plusSeconds(generation)); // a new time even within one clock tick
        Files.setLastModifiedTime(cert, time);
        Files.setLastModifiedTime(key, time);
        return Fingerprint.of(Pem.certificates(cert).get(0));
    }

    @Test
    void theNextHandshakeUsesTheNewCertificateAfterTheFilesChange() throws Exception {
        Path cert = dir.resolve("fullchain.pem");
        Path key = dir.resolve("privkey.pem");
        Fingerprint first = writeCertificate(cert, key, 0);
        Path known = dir.resolve("known_servers");
        try (ParleyServer server = TlsServers.start(dir.resolve("data"),
                Map.of("tls.cert", cert.toString(), "tls.key", key.toString()))) {
            ParleyClient before = TlsServers.tlsClient(server, new ServerTrust.FirstUse(known));
            assertThat(TlsServers.conn(before)).isEqualTo("tls/tcp/framed secure=true");
            assertThat(Files.readString(known)).contains(first.text());

            Fingerprint second = writeCertificate(cert, key, 10);
            try (ParleyClient after = TlsServers.tlsClient(server, new ServerTrust.Pinned(second))) {
                assertThat(TlsServers.conn(after)).isEqualTo("tls/tcp/framed secure=true");
            }
            assertThat(TlsServers.conn(before)).as("a connection made before goes on").isEqualTo("tls/tcp/framed secure=true");
            before.close();
            assertThatThrownBy(() -> TlsServers.tlsClient(server, new ServerTrust.FirstUse(known)))
                    .isInstanceOf(IOException.class).hasMessageContaining("HAS CHANGED");

            Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nhalf a key");
            Files.setLastModifiedTime(key, FileTime.from(Instant.now().plusSeconds(20)));
            try (ParleyClient still = TlsServers.tlsClient(server, new ServerTrust.Pinned(second))) {
                assertThat(TlsServers.conn(still)).as("files that do not load leave the last good certificate")
                        .isEqualTo("tls/tcp/framed secure=true");
            }
        }
    }

    @Test
    void aKeyThatDoesNotGoWithTheCertificateIsRefusedAtStart() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writeCertificate(cert, key, 0);
        writeCertificate(dir.resolve("other.pem"), key, 0);
        assertThatThrownBy(() -> TlsServers.start(dir.resolve("data"),
                Map.of("tls.cert", cert.toString(), "tls.key", key.toString())))
                .hasMessageContaining("is not the key of the first certificate in " + cert);
    }

    @Test
    void anEncryptedKeyIsRefusedAtStartWithTheCommandThatConvertsIt() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        writeCertificate(cert, key, 0);
        Files.writeString(key, "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThatThrownBy(() -> TlsServers.start(dir.resolve("data"),
                Map.of("tls.cert", cert.toString(), "tls.key", key.toString())))
                .hasMessageContaining("holds a 'ENCRYPTED PRIVATE KEY', which this server cannot read")
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
    }

    /** PKCS#1 RSA and SEC1 EC keys, as older OpenSSL commands and some ACME clients write them, serve too. */
    @Test
    void rsaAndSec1KeysServeToo() throws Exception {
        KeyPairGenerator rsaGenerator = KeyPairGenerator.getInstance("RSA");
        rsaGenerator.initialize(2048);
        KeyPair rsa = rsaGenerator.generateKeyPair();
        byte[] pkcs1 = Der.parse(rsa.getPrivate().getEncoded()).children().get(2).content();
        serves(rsa, Pem.encode("RSA PRIVATE KEY", pkcs1));

        KeyPairGenerator ecGenerator = KeyPairGenerator.getInstance("EC");
        ecGenerator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair ec = ecGenerator.generateKeyPair();
        var inner = Der.parse(Der.parse(ec.getPrivate().getEncoded()).children().get(2).content()).children();
        byte[] prime256v1 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x03, 0x01, 0x07};
        byte[] sec1 = Der.seq(Der.tlv(0x02, new byte[] {1}), Der.tlv(0x04, inner.get(1).content()),
                Der.tlv(0xA0, Der.tlv(0x06, prime256v1)));
        serves(ec, Pem.encode("EC PRIVATE KEY", sec1));
    }

    private void serves(KeyPair pair, String keyPem) throws Exception {
        Path cert = dir.resolve(pair.getPrivate().getAlgorithm() + "-cert.pem");
        Path key = dir.resolve(pair.getPrivate().getAlgorithm() + "-key.pem");
        Files.writeString(cert, Pem.encode("CERTIFICATE", SelfSigned.certificate(pair, ZonedDateTime.now(ZoneOffset.UTC))));
        Files.writeString(key, keyPem);
        Fingerprint fingerprint = Fingerprint.of(Pem.certificates(cert).get(0));
        try (ParleyServer server = TlsServers.start(dir.resolve("data"),
                Map.of("tls.cert", cert.toString(), "tls.key", key.toString()));
             ParleyClient client = TlsServers.tlsClient(server, new ServerTrust.Pinned(fingerprint))) {
            assertThat(TlsServers.conn(client)).isEqualTo("tls/tcp/framed secure=true");
        }
    }
}
