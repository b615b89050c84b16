package parley.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Cleans the file names users send, so that a name is never a path and is safe to show and to save on
 * any common file system. The server cleans every name it receives, and the client cleans again every
 * name it is about to write to disk. Pure functions, thread-safe.
 *
 * <p>The rules, in order:
 * <ol>
 *   <li>Unicode NFC normalization.</li>
 *   <li>Only the last path segment is kept: {@code ../../etc/passwd} becomes {@code passwd},
 *       {@code C:\docs\a.pdf} becomes {@code a.pdf}.</li>
 *   <li>Control and invisible format characters (line breaks, tabs, bidi overrides, zero-width
 *       characters, unpaired surrogates, unassigned code points) are removed.</li>
 *   <li>Characters that some file systems refuse, {@code < > : " | ? *}, become {@code _}.</li>
 *   <li>Runs of dots become one dot; leading dots and spaces, and trailing dots and spaces, are removed,
 *       so a name is never {@code .}, {@code ..} or hidden.</li>
 *   <li>A Windows device name ({@code CON}, {@code NUL}, {@code COM1}...) gets a leading {@code _}.</li>
 *   <li>At most {@value #MAX_CHARS} characters and {@value #MAX_BYTES} bytes of UTF-8, cut in the
 *       middle so that a short extension survives.</li>
 *   <li>A name left empty becomes {@code file}.</li>
 * </ol>
 */
public final class FileNames {

    /** Longest clean name, in characters (code points). */
    public static final int MAX_CHARS = 128;

    /** Longest clean name, in bytes of UTF-8 (most file systems allow 255). */
    public static final int MAX_BYTES = 200;

    private static final int MAX_EXTENSION = 16;
    private static final String FALLBACK = "file";
    private static final Set<String> DEVICES = Set.of("CON", "PRN", "AUX", "NUL",
            "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
            "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9");

    private FileNames() {
    }

    /** The clean form of {@code raw}; never empty. A {@code null} gives {@code file}. */
    public static String clean(String raw) {
        if (raw == null) {
            return FALLBACK;
        }
        String name = lastSegment(Normalizer.normalize(raw, Normalizer.Form.NFC));
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (invisible(c)) {
                return;
            }
            if (c == '.' && !out.isEmpty() && out.charAt(out.length() - 1) == '.') {
                return; // runs of dots become one
            }
            out.appendCodePoint("<>:\"|?*".indexOf(c) >= 0 ? '_' : c);
        });
        String cleaned = strip(out.toString());
        if (cleaned.isEmpty()) {
            return FALLBACK;
        }
        String stem = cleaned.contains(".") ? cleaned.substring(0, cleaned.indexOf('.')) : cleaned;
        if (DEVICES.contains(stem.toUpperCase(Locale.ROOT))) {
            cleaned = "_" + cleaned;
        }
        return shorten(cleaned);
    }

    /** True when {@code name} is already clean: what {@link #clean} returns for it is itself. */
    public static boolean isClean(String name) {
        return name != null && clean(name).equals(name);
    }

    private static String lastSegment(String name) {
        String last = "";
        for (String segment : name.split("[/\\\\]")) {
            if (!segment.isBlank()) {
                last = segment;
            }
        }
        // a drive prefix such as "C:" alone is no name
        return last.matches("[A-Za-z]:") ? "" : last;
    }

    private static boolean invisible(int c) {
        if (Character.isISOControl(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static String strip(String name) {
        int start = 0;
        int end = name.length();
        while (start < end && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start))
                || Character.isSpaceChar(name.charAt(start)))) {
            start++;
        }
        while (end > start && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1))
                || Character.isSpaceChar(name.charAt(end - 1)))) {
            end--;
        }
        return name.substring(start, end);
    }

    /**
     * The longest start of the name's stem that fits with its extension, in one pass over at most
     * {@value #MAX_CHARS} code points: linear, whatever the length of what was sent.
     */
    private static String shorten(String name) {
        if (fits(name)) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String extension = dot > 0 && name.length() - dot <= MAX_EXTENSION ? name.substring(dot) : "";
        int charsLeft = MAX_CHARS - extension.codePointCount(0, extension.length());
        int bytesLeft = MAX_BYTES - extension.getBytes(StandardCharsets.UTF_8).length;
        int end = 0;
        int stemEnd = name.length() - extension.length();
        while (end < stemEnd && charsLeft > 0) {
            int c = name.codePointAt(end);
            int bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
            if (bytes > bytesLeft) {
                break;
            }
            bytesLeft -= bytes;
            charsLeft--;
            end += Character.charCount(c);
        }
        String result = strip(name.substring(0, end)) + extension;
        return result.isEmpty() || result.startsWith(".") ? FALLBACK + result : result;
    }

    private static boolean fits(String name) {
        return name.codePointCount(0, name.length()) <= MAX_CHARS
                && name.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }
}
