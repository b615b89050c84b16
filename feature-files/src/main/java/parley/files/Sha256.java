package parley.files;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/** SHA-256 helpers: a fresh digest, hex text, and the format check for a declared hash. Thread-safe. */
public final class Sha256 {

    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private Sha256() {
    }

    /** A new SHA-256 digest; every JDK has one. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** The digest's value as 64 lowercase hex digits; resets the digest. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of these bytes, in hex. */
    public static String of(byte[] data) {
        MessageDigest digest = digest();
        digest.update(data);
        return hex(digest);
    }

    /** True for 64 hex digits, in any case. */
    public static boolean isHex(String text) {
        return text != null && HEX.matcher(text).matches();
    }

    /** The lowercase form of a valid hex hash. */
    public static String normalize(String hex) {
        return hex.toLowerCase(Locale.ROOT);
    }
}
