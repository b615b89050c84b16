package parley.p2p.link;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of one link: 256 bits from a {@link SecureRandom}, issued by the server to the two
 * clients of the link and to nobody else. It never travels again after the invite: the clients and
 * the relay prove they hold it with HMAC-SHA256 over fresh nonces ({@link #prove}).
 *
 * <p>{@link #toString} never shows it, so a token that reaches a log line by mistake stays hidden.
 * Immutable and thread-safe.
 */
public final class Token {

    /** Bytes of a token this code issues. */
    public static final int BYTES = 32;

    /** Fewest bytes a token may have when read from an invite: 128 bits. */
    public static final int MIN_BYTES = 16;

    private static final int MAX_BYTES = 64;
    private static final byte[] LABEL = "parley-p2p/1".getBytes(StandardCharsets.US_ASCII);

    private final byte[] secret;

    private Token(byte[] secret) {
        this.secret = secret;
    }

    /** A fresh token. */
    public static Token random(SecureRandom random) {
        byte[] secret = new byte[BYTES];
        random.nextBytes(secret);
        return new Token(secret);
    }

    /**
     * Reads a token from its text (unpadded base64url).
     *
     * @throws IllegalArgumentException when it is not base64url or is shorter than 128 bits; the
     *                                  message never repeats the text
     */
    public static Token parse(String text) {
        byte[] secret;
        try {
            secret = Base64.getUrlDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a token is base64url text");
        }
        if (secret.length < MIN_BYTES || secret.length > MAX_BYTES) {
            throw new IllegalArgumentException("a token has " + MIN_BYTES + " to " + MAX_BYTES + " bytes, this one "
                    + secret.length);
        }
        return new Token(secret);
    }

    /** The text that goes into an invite, and nowhere else. */
    public String encoded() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * HMAC-SHA256, keyed by the token, over a fixed label, the purpose and the parts, each
     * length-prefixed so that no two different lists give the same input. Base64url.
     *
     * @param purpose what the proof is for ({@code callee}, {@code caller}, {@code relay}), so
     *                that a proof made for one purpose is worth nothing for another
     */
    public String prove(String purpose, String... parts) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac(purpose, parts));
    }

    /** True when {@code proof} is {@link #prove}'s for these inputs; compares in constant time. */
    public boolean verify(String proof, String purpose, String... parts) {
        if (proof == null) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(proof);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(given, mac(purpose, parts));
    }

    private byte[] mac(String purpose, String... parts) {
        ByteArrayOutputStream input = new ByteArrayOutputStream();
        field(input, LABEL);
        field(input, purpose.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            field(input, part.getBytes(StandardCharsets.UTF_8));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Token t && MessageDigest.isEqual(t.secret, secret);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(secret);
    }

    @Override
    public String toString() {
        return "Token[hidden]";
    }
}
