package parley.p2p.link;

import java.security.SecureRandom;
import java.util.Base64;

/** Fresh nonces for the handshakes: 256 bits from a {@link SecureRandom}, base64url. Thread-safe. */
public final class Nonces {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int BYTES = 32;

    private Nonces() {
    }

    public static String fresh() {
        byte[] nonce = new byte[BYTES];
        RANDOM.nextBytes(nonce);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }

    /** True for base64url text of 16 to 64 bytes: what a peer's nonce must be. */
    public static boolean valid(String nonce) {
        if (nonce == null || nonce.length() > 128) {
            return false;
        }
        try {
            int n = Base64.getUrlDecoder().decode(nonce).length;
            return n >= 16 && n <= 64;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
