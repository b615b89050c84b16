package parley.transport.tls;

import static parley.transport.tls.Der.seq;
import static parley.transport.tls.Der.tlv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The self-signed certificate a server uses when no {@code tls.cert} is set: an EC P-256 key and an
 * X.509 v3 certificate for {@code CN=parley}, valid ten years, made once and kept as PEM files in a
 * directory (the key readable by its owner only). Built with the JDK's key and signature classes; the
 * certificate's few DER structures are written here, since the JDK has no public certificate builder.
 */
final class SelfSigned {

    static final String CERT_FILE = "self-signed-cert.pem";
    static final String KEY_FILE = "self-signed-key.pem";

    private static final byte[] ECDSA_WITH_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};
    private static final byte[] SUBJECT_ALT_NAME = {0x55, 0x1D, 0x11};

    private static final byte[] SHA256_WITH_RSA = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x0B};

    private SelfSigned() {
    }

    /** The certificate and key files in {@code dir}, made first if they are not there. */
    static Credentials.Files ensure(Path dir) throws IOException {
        Path cert = dir.resolve(CERT_FILE);
        Path key = dir.resolve(KEY_FILE);
        if (Files.isRegularFile(cert) && Files.isRegularFile(key)) {
            return new Credentials.Files(cert, key);
        }
        Files.createDirectories(dir);
        KeyPair pair;
        byte[] der;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            pair = generator.generateKeyPair();
            der = certificate(pair, ZonedDateTime.now(ZoneOffset.UTC));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make a self-signed certificate: " + e.getMessage(), e);
        }
        Path keyTmp = dir.resolve(KEY_FILE + ".tmp");
        Files.deleteIfExists(keyTmp);
        try {
            Files.createFile(keyTmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(keyTmp);
        }
        Files.writeString(keyTmp, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Path certTmp = dir.resolve(CERT_FILE + ".tmp");
        Files.writeString(certTmp, Pem.encode("CERTIFICATE", der), StandardCharsets.US_ASCII);
        Files.move(keyTmp, key, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.move(certTmp, cert, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Credentials.Files(cert, key);
    }

    /** A DER X.509 v3 certificate for {@code CN=parley} (and localhost, 127.0.0.1, ::1), signed by its own key (EC or RSA). */
    static byte[] certificate(KeyPair pair, ZonedDateTime now) throws GeneralSecurityException {
        boolean rsa = pair.getPrivate().getAlgorithm().equals("RSA");
        byte[] algorithm = rsa ? seq(tlv(0x06, SHA256_WITH_RSA), tlv(0x05, new byte[0])) : seq(tlv(0x06, ECDSA_WITH_SHA256));
        byte[] name = seq(tlv(0x31, seq(tlv(0x06, COMMON_NAME), tlv(0x0C, "parley".getBytes(StandardCharsets.UTF_8)))));
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
        byte[] validity = seq(tlv(0x17, now.minusHours(1).format(utc).getBytes(StandardCharsets.US_ASCII)),
                tlv(0x17, now.plusYears(10).format(utc).getBytes(StandardCharsets.US_ASCII)));
        byte[] altNames = seq(tlv(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                tlv(0x87, new byte[] {127, 0, 0, 1}), tlv(0x87, loopback6()));
        byte[] extensions = tlv(0xA3, seq(seq(tlv(0x06, SUBJECT_ALT_NAME), tlv(0x04, altNames))));
        byte[] serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray();
        byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), tlv(0x02, serial), algorithm, name, validity, name,
                pair.getPublic().getEncoded(), extensions);
        Signature signer = Signature.getInstance(rsa ? "SHA256withRSA" : "SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
        X509Certificate check = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        check.verify(pair.getPublic());
        return der;
    }

    private static byte[] loopback6() {
        byte[] address = new byte[16];
        address[15] = 1;
        return address;
    }
}
