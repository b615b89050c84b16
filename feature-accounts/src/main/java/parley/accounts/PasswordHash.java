package parley.accounts;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.util.Objects;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted password hash with the parameters that made it, so that a hash made at a lower cost is still
 * checked with its own and can be redone at the current cost ({@link #weakerThan}). The only algorithm is
 * {@value #PBKDF2_SHA256}: PBKDF2 with HMAC-SHA256 from the JDK, a 16-byte random salt and a 32-byte
 * key. Immutable; the computations are slow on purpose and run on the {@link Hasher}'s threads.
 *
 * @param algorithm  the algorithm's name as stored
 * @param iterations its cost
 * @param salt       random, 16 bytes
 * @param hash       the derived key, 32 bytes
 */
record PasswordHash(String algorithm, int iterations, byte[] salt, byte[] hash) {

    static final String PBKDF2_SHA256 = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int KEY_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    PasswordHash {
        Objects.requireNonNull(algorithm, "algorithm");
        salt = salt.clone();
        hash = hash.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /** A new hash of {@code password} with a fresh salt. Slow: about as long as {@code iterations} HMACs. */
    static PasswordHash of(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(PBKDF2_SHA256, iterations, salt, derive(password, salt, iterations));
    }

    /** True when {@code password} is the one hashed, compared in constant time. As slow as {@link #of}. */
    boolean matches(String password) {
        if (!algorithm.equals(PBKDF2_SHA256)) {
            throw new IllegalStateException("unknown password hash algorithm '" + algorithm + "'");
        }
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** True when this hash was made at a lower cost than {@code iterations}, or with another algorithm. */
    boolean weakerThan(int iterations) {
        return !algorithm.equals(PBKDF2_SHA256) || this.iterations < iterations;
    }

    private static byte[] derive(String password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("this JDK cannot compute PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }
}
