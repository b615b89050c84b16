package parley.accounts;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, after NIST SP 800-63B: long enough ({@code min} characters), not too long
 * to hash ({@code maxBytes} in UTF-8), and not trivially guessed: not the pseudo, not one character
 * repeated, not one of the most common passwords. No rules on character classes (NIST advises against
 * them). Control characters are refused: nobody can type them at a login prompt. Pure and thread-safe.
 */
record PasswordPolicy(int min, long maxBytes) {

    /** The most common passwords of eight characters or more in the public breach lists. */
    private static final Set<String> COMMON = Set.of("password", "password1", "password123", "12345678", "123456789",
            "1234567890", "qwertyuiop", "qwerty123", "iloveyou", "11111111", "00000000", "abcd1234", "1q2w3e4r",
            "azertyuiop", "motdepasse", "sunshine", "princess", "football", "baseball", "welcome1", "letmein1",
            "trustno1", "superman", "starwars", "passw0rd", "changeme", "parley123");

    /**
     * Why {@code password} may not be used by {@code pseudo}, or {@code null} when it may. Linear in the
     * password's length, which is checked first.
     */
    String problem(String password, String pseudo) {
        if (password.length() > maxBytes || password.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return "password too long: at most " + maxBytes + " bytes";
        }
        int length = password.codePointCount(0, password.length());
        if (length < min) {
            return "password too short: use at least " + min + " characters (a few words make a good one)";
        }
        if (password.codePoints().anyMatch(Character::isISOControl)) {
            return "password has a control character: use characters you can type";
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (lower.equals(pseudo.toLowerCase(Locale.ROOT))) {
            return "password too weak: it is your pseudo";
        }
        if (password.codePoints().distinct().count() == 1) {
            return "password too weak: one character repeated";
        }
        if (COMMON.contains(lower)) {
            return "password too weak: it is one of the most common passwords";
        }
        return null;
    }

    /** True when {@code password} is longer than any password may be: such a try is refused unhashed. */
    boolean tooLong(String password) {
        return password.length() > maxBytes || password.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }
}
