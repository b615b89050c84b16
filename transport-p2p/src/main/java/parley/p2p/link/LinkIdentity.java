package parley.p2p.link;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
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

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A client's certificate for its P2P links: a fresh EC P-256 key pair and a self-signed X.509
 * certificate ({@code CN=parley-p2p}; nobody checks its dates), made in memory when a
 * {@code P2pClient} starts and never written anywhere. Its {@link #fingerprint} goes to the server
 * with each P2P_REQUEST and P2P_ACCEPT, and the server gives it to the other side, which pins it.
 *
 * <p>Built with the JDK's key and signature classes; the certificate's few DER structures are written
 * here (as {@code transport-tls} does for its self-signed certificate), since the JDK has no public
 * certificate builder and a library such as BouncyCastle would add megabytes to the plugin for forty
 * lines. Nothing in the certificate is read but its key and its fingerprint: no name, date or
 * signature of it is trusted, only the pin.
 *
 * <p>Thread-safe and immutable; making one takes a few milliseconds.
 */
public final class LinkIdentity {

    private static final byte[] ECDSA_WITH_SHA256 = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x04, 0x03, 0x02};
    private static final byte[] COMMON_NAME = {0x55, 0x04, 0x03};

    private final X509Certificate certificate;
    private final Fingerprint fingerprint;
    private final IdentityKeyManager keys;

    private LinkIdentity(KeyPair pair, X509Certificate certificate) {
        this.certificate = certificate;
        this.keys = new IdentityKeyManager(pair.getPrivate(), certificate);
        this.fingerprint = Fingerprint.of(certificate);
    }

    /**
     * A fresh key pair and certificate.
     *
     * @throws IllegalStateException when this JDK cannot make an EC P-256 key or sign with it
     */
    public static LinkIdentity generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            return new LinkIdentity(pair, certificate(pair, ZonedDateTime.now(ZoneOffset.UTC)));
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a certificate for P2P links: " + e.getMessage(), e);
        }
    }

    public Fingerprint fingerprint() {
        return fingerprint;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * A TLS context that shows this certificate and trusts the peer by {@code trust} only.
     *
     * @throws IllegalStateException when the JDK's TLS cannot be set up (a broken JDK)
     */
    SSLContext context(TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLSv1.3");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null); // null: the JDK's SecureRandom
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for a P2P link: " + e.getMessage(), e);
        }
    }

    /** A DER X.509 v3 certificate for {@code CN=parley-p2p}, signed by its own EC key. */
    private static X509Certificate certificate(KeyPair pair, ZonedDateTime now)
            throws GeneralSecurityException, IOException {
        byte[] algorithm = seq(tlv(0x06, ECDSA_WITH_SHA256));
        byte[] name = seq(tlv(0x31, seq(tlv(0x06, COMMON_NAME), tlv(0x0C, "parley-p2p".getBytes(StandardCharsets.UTF_8)))));
        DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
        byte[] validity = seq(tlv(0x17, now.minusHours(1).format(utc).getBytes(StandardCharsets.US_ASCII)),
                tlv(0x17, now.plusYears(10).format(utc).getBytes(StandardCharsets.US_ASCII)));
        byte[] serial = new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray();
        byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})), tlv(0x02, serial), algorithm, name, validity, name,
                pair.getPublic().getEncoded());
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(pair.getPrivate());
        signer.update(tbs);
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1]; // no unused bits
        System.arraycopy(signature, 0, bits, 1, signature.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
        X509Certificate made = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
        made.verify(pair.getPublic());
        return made;
    }

    /** One DER element; the lengths here stay under 64 KiB. */
    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return tlv(0x30, out.toByteArray());
    }

    @Override
    public String toString() {
        return "LinkIdentity[" + fingerprint + "]";
    }
}
