package parley.p2p.link;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A link certificate's SHA-256 fingerprint, written {@code SHA256:AB:CD:...} (upper-case hex, colons),
 * the same form as the server's TLS fingerprint. Each client sends its own to the server, which hands
 * it to the other side in {@code P2P_INVITE}; both pin it on the link's TLS.
 *
 * @param text the fingerprint as written, e.g. {@code SHA256:3F:A1:...}
 */
public record Fingerprint(String text) {

    private static final String PREFIX = "SHA256:";
    /** Longest text looked at: a fingerprint is 7 + 95 characters. */
    private static final int MAX_TEXT = 200;

    /**
     * @throws IllegalArgumentException when it is not 32 bytes of hex, with the expected form
     */
    public Fingerprint {
        text = normalize(text);
    }

    /** The fingerprint of a certificate's DER encoding. */
    public static Fingerprint of(X509Certificate certificate) {
        try {
            return of(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode a certificate to fingerprint it", e);
        }
    }

    /** The fingerprint of a DER encoding. */
    public static Fingerprint of(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return new Fingerprint(PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /**
     * Reads a fingerprint with or without {@code SHA256:}, colons, upper or lower case.
     *
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    public static Fingerprint parse(String text) {
        return new Fingerprint(text);
    }

    private static String normalize(String text) {
        if (text == null || text.length() > MAX_TEXT) {
            throw new IllegalArgumentException("not a SHA-256 fingerprint: expected SHA256: and 32 bytes in hex"
                    + " (SHA256:AB:CD:...)");
        }
        String hex = text.trim();
        if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            hex = hex.substring(PREFIX.length());
        }
        hex = hex.replace(":", "").toUpperCase(Locale.ROOT);
        if (!hex.matches("[0-9A-F]{64}")) {
            throw new IllegalArgumentException("'" + text.replaceAll("\\p{Cntrl}", "?") + "' is not a SHA-256"
                    + " fingerprint: expected SHA256: and 32 bytes in hex (SHA256:AB:CD:...)");
        }
        return PREFIX + HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(hex));
    }

    @Override
    public String toString() {
        return text;
    }
}
