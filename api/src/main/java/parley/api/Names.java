package parley.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The rules for names people see and pick: pseudos and room names. Pure, thread-safe, linear in the
 * name's length (which is bounded before anything else is done).
 *
 * <p><b>What is allowed.</b> 1 to {@value #MAX_LENGTH} characters, each a letter, a digit, {@code _},
 * {@code -} or {@code .}; letters beyond ASCII are fine ({@code Zoé}), but all the letters of a name
 * are of one script (no Cyrillic {@code а} among Latin letters), and none is a phonetic small capital
 * or modifier letter ({@code ᴀ}) that people do not type. Control, format (zero-width, bidi) and
 * unassigned characters are not letters, so they are refused too, each with a reason that names it.
 *
 * <p><b>When two names are the same.</b> They are compared by {@link #key}: Unicode NFKC (so a
 * fullwidth {@code ａｌｉｃｅ} or a mathematical {@code 𝐚𝐥𝐢𝐜𝐞} is {@code alice}), accents and other
 * marks removed, case folded, and a dotless {@code ı} read as {@code i}. So {@code Alice}, {@code ALİCE},
 * {@code alıce} and {@code ａｌｉｃｅ} all clash with {@code alice}. Then the folded name is reduced to its
 * UTS #39 skeleton with Unicode's confusables data ({@link Confusables}; the JDK has no such data), so
 * a name spelled wholly in look-alike letters of another script clashes too: Cyrillic
 * {@code аре} and {@code сосо} are {@code ape} and {@code coco}, Greek {@code ορο} is {@code opo}. The
 * skeleton is strict on purpose, as in Ergo's IRC server: {@code rn} reads as {@code m}, {@code 1} as
 * {@code l}, so {@code modern} and {@code rnodern}, or {@code alice1} and {@code alicel},
 * cannot both be taken.
 */
public final class Names {

    /** Longest name, in characters (code points). */
    public static final int MAX_LENGTH = 32;

    private Names() {
    }

    /**
     * Why {@code name} may not be used, in words for a person ({@code "a character of another script
     * (Cyrillic 'а') among Latin letters"}), or {@code null} when it may.
     */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "it is empty";
        }
        if (name.length() > 2 * MAX_LENGTH || name.codePointCount(0, name.length()) > MAX_LENGTH) {
            return "it is longer than " + MAX_LENGTH + " characters";
        }
        Character.UnicodeScript script = null;
        int index = 0;
        for (int i = 0; i < name.length(); i += Character.charCount(name.codePointAt(i))) {
            int c = name.codePointAt(i);
            index++;
            if (c == '_' || c == '-' || c == '.') {
                continue;
            }
            if (!Character.isLetterOrDigit(c)) {
                return String.format("character %d (U+%04X) is not a letter, a digit, '_', '-' or '.'", index, c);
            }
            int block = Character.getType(c);
            if (block == Character.MODIFIER_LETTER || isPhonetic(c)) {
                return String.format("character %d (U+%04X) is a phonetic letter that people do not type", index, c);
            }
            if (Character.isLetter(c)) {
                Character.UnicodeScript own = Character.UnicodeScript.of(c);
                if (own != Character.UnicodeScript.COMMON && own != Character.UnicodeScript.INHERITED) {
                    if (script == null) {
                        script = own;
                    } else if (script != own) {
                        return "it mixes scripts: '" + new String(Character.toChars(c)) + "' (" + title(own)
                                + ") among " + title(script) + " letters; use the letters of one script";
                    }
                }
            }
        }
        return null;
    }

    /** True when {@code name} follows the rules. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /** What two names are compared by: equal keys mean the same name, so only one of them may be taken. */
    public static String key(String name) {
        // the skeleton may bring back marks or letters that folding removes (ð is ∂ with a stroke):
        // fold and reduce again until nothing changes, so that a key is its own key
        String key = skeleton(fold(name));
        for (int round = 0; round < 4; round++) {
            String again = skeleton(fold(key));
            if (again.equals(key)) {
                break;
            }
            key = again;
        }
        return key;
    }

    private static String skeleton(String folded) {
        return Confusables.skeleton(folded).toLowerCase(Locale.ROOT);
    }

    /** NFKC, marks removed, dotless i read as i, case folded. */
    private static String fold(String name) {
        String compatible = Normalizer.normalize(name, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(compatible.length());
        for (int i = 0; i < compatible.length(); ) {
            int c = compatible.codePointAt(i);
            i += Character.charCount(c);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue; // accents and dots: é is e, İ is I
            }
            out.appendCodePoint(c == 'ı' ? 'i' : c);
        }
        // upper then lower folds more than lower alone: ß becomes ss, ς becomes σ
        return Normalizer.normalize(out.toString().toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
    }

    private static boolean isPhonetic(int c) {
        Character.UnicodeBlock block = Character.UnicodeBlock.of(c);
        return block == Character.UnicodeBlock.PHONETIC_EXTENSIONS
                || block == Character.UnicodeBlock.PHONETIC_EXTENSIONS_SUPPLEMENT
                || block == Character.UnicodeBlock.IPA_EXTENSIONS;
    }

    private static String title(Character.UnicodeScript script) {
        String name = script.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }
}
