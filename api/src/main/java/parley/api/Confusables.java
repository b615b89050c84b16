package parley.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * The UTS #39 skeleton of a name: NFD, each character replaced by its prototype from Unicode's
 * confusables data, NFD again. Two names with one skeleton look alike ({@code аре} in Cyrillic and
 * {@code ape}).
 *
 * <p>The data is {@code confusables.txt} beside this class: the prototypes of every letter, digit,
 * {@code _}, {@code -} and {@code .} (the characters a name may hold), taken from ICU4J's
 * {@code SpoofChecker} at build time. {@code ConfusablesTableTest} checks that it is exactly what ICU
 * gives and regenerates it after an ICU upgrade. ICU itself is not needed at run time: it is an
 * automatic module, which jlink cannot put in the runtime image, and this table is all a name needs.
 *
 * <p>Pure and thread-safe; the table (about 4,000 entries) is read once, on first use.
 */
final class Confusables {

    private Confusables() {
    }

    /** The skeleton of {@code text}; linear in its length. */
    static String skeleton(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        Map<Integer, String> prototypes = Table.PROTOTYPES;
        StringBuilder out = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); ) {
            int c = decomposed.codePointAt(i);
            i += Character.charCount(c);
            String prototype = prototypes.get(c);
            if (prototype == null) {
                out.appendCodePoint(c);
            } else {
                out.append(prototype);
            }
        }
        return Normalizer.normalize(out, Normalizer.Form.NFD);
    }

    /** The table, loaded on first use. */
    private static final class Table {
        static final Map<Integer, String> PROTOTYPES = load();

        /**
         * Lines {@code <hex code point> <hex code point>[,<hex code point>...]} (nothing after the space
         * for a character that reads as nothing); {@code #} starts a comment.
         */
        private static Map<Integer, String> load() {
            Map<Integer, String> table = new HashMap<>(8192);
            try (InputStream in = Confusables.class.getResourceAsStream("confusables.txt")) {
                if (in == null) {
                    throw new IllegalStateException("parley/api/confusables.txt is missing from the kernel's jar");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) {
                        continue;
                    }
                    int space = line.indexOf(' ');
                    StringBuilder prototype = new StringBuilder(4);
                    for (String hex : line.substring(space + 1).split(",")) {
                        if (!hex.isEmpty()) { // an empty prototype: the character reads as nothing
                            prototype.appendCodePoint(Integer.parseInt(hex, 16));
                        }
                    }
                    table.put(Integer.parseInt(line, 0, space, 16), prototype.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read parley/api/confusables.txt", e);
            }
            return Map.copyOf(table);
        }
    }
}
