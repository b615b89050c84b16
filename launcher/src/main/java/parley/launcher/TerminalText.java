package parley.launcher;

/**
 * Makes text safe to print on a terminal: nothing a server or another user sends can move the cursor,
 * repaint the screen or start a line of its own. Control characters (C0, DEL, C1) and the Unicode line
 * and paragraph separators are shown escaped ({@code \n}, {@code \t}, {@code \x1b}, {@code \u2028});
 * a message with a line break thus stays on one line, so it cannot forge a line such as
 * {@code [room1] bob: ...}. Pure and thread-safe.
 */
final class TerminalText {

    private TerminalText() {
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\r' -> "\\r";
            case '\\' -> null;
            default -> {
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
                    yield String.format("\\x%02x", (int) c);
                }
                if (c == '\u2028' || c == '\u2029') {
                    yield String.format("\\u%04x", (int) c);
                }
                yield null;
            }
        };
    }
}
