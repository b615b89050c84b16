package parley.transport.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes the PEM files of a certificate chain and its private key, with the JDK alone. */
final class Pem {

    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]*)-----END \\1-----");

    private static final byte[] RSA_ENCRYPTION = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};
    private static final byte[] EC_PUBLIC_KEY = {0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Pem() {
    }

    /** The certificates of a PEM file, leaf first. */
    static List<X509Certificate> certificates(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            List<X509Certificate> chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(bytes)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (chain.isEmpty()) {
                throw new IOException(file + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
            }
            return chain;
        } catch (CertificateException e) {
            throw new IOException(file + " is not a PEM certificate chain: " + e.getMessage(), e);
        }
    }

    /**
     * The private key of a PEM file, unencrypted: PKCS#8 ({@code BEGIN PRIVATE KEY}: EC, RSA or EdDSA, as
     * Let's Encrypt's certbot writes it), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or SEC1
     * ({@code BEGIN EC PRIVATE KEY}).
     */
    static PrivateKey privateKey(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.US_ASCII);
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String type = m.group(1);
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(m.group(2));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": the " + type + " is not valid base64 (" + e.getMessage() + ")", e);
            }
            switch (type) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, der);
                }
                case "RSA PRIVATE KEY" -> { // PKCS#1, as OpenSSL's older commands write it
                    return pkcs8(file, Der.seq(Der.tlv(0x02, new byte[] {0}),
                            Der.seq(Der.tlv(0x06, RSA_ENCRYPTION), Der.tlv(0x05, new byte[0])), Der.tlv(0x04, der)));
                }
                case "EC PRIVATE KEY" -> { // SEC1, as openssl ecparam -genkey and some ACME clients write it
                    return pkcs8(file, Der.seq(Der.tlv(0x02, new byte[] {0}),
                            Der.seq(Der.tlv(0x06, EC_PUBLIC_KEY), curve(file, der)), Der.tlv(0x04, der)));
                }
                default -> {
                    if (type.endsWith("PRIVATE KEY")) {
                        throw new IOException(file + " holds a '" + type + "', which this server cannot read: convert"
                                + " it with openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem, and set tls.key"
                                + " to key.pem");
                    }
                }
            }
        }
        throw new IOException(file + " holds no private key (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) throws IOException {
        for (String algorithm : List.of("EC", "RSA", "Ed25519", "Ed448", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // not this algorithm: try the next
            }
        }
        throw new IOException(file + ": a private key this JDK cannot read (EC, RSA and EdDSA keys are read)");
    }

    /** The named curve's OID element in a SEC1 key's parameters ({@code [0]}). */
    private static byte[] curve(Path file, byte[] sec1) throws IOException {
        try {
            for (Der.Element element : Der.parse(sec1).children()) {
                if (element.tag() == 0xA0) {
                    Der.Element oid = Der.parse(element.content());
                    if (oid.tag() == 0x06) {
                        return Der.tlv(0x06, oid.content());
                    }
                }
            }
        } catch (IOException e) {
            throw new IOException(file + ": a damaged EC PRIVATE KEY (" + e.getMessage() + ")", e);
        }
        throw new IOException(file + ": an EC PRIVATE KEY without its curve: convert it with"
                + " openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem, and set tls.key to key.pem");
    }

    static String encode(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
