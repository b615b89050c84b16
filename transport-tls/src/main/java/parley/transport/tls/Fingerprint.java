package parley.transport.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A certificate's SHA-256 fingerprint, written {@code SHA256:AB:CD:...} (upper-case hex, colons), the
 * form the server prints at start and the client pins and remembers.
 *
 * @param text the fingerprint as written, e.g. {@code SHA256:3F:A1:...}
 */
public record Fingerprint(String text) {

    private static final String PREFIX = "SHA256:";

    public Fingerprint {
        text = normalize(text);
    }

    /** The fingerprint of a certificate's DER encoding. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return new Fingerprint(PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot compute a certificate's SHA-256 fingerprint", e);
        }
    }

    /**
     * Reads a fingerprint as a person may write it: with or without {@code SHA256:}, colons, upper or
     * lower case.
     *
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    public static Fingerprint parse(String text) {
        return new Fingerprint(text);
    }

    private static String normalize(String text) {
        String hex = text.trim();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        hex = hex.replace(":", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + text + "' is not a SHA-256 fingerprint: expected SHA256: and"
                    + " 32 bytes in hex, like the server prints at start (tls fingerprint SHA256:AB:CD:...)");
        }
        return PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    @Override
    public String toString() {
        return text;
    }
}
