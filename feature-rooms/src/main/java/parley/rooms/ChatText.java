package parley.rooms;

/**
 * What a chat message may hold: text, newlines and tabs, up to a length. Control characters (C0 but
 * tab and newline, DEL, C1 such as U+0085) and the Unicode line and paragraph separators are refused:
 * they reach text clients and terminals raw, where an escape sequence can repaint the screen and a
 * separator can forge a line. Pure, linear in the text's length, thread-safe.
 */
final class ChatText {

    private ChatText() {
    }

    /** Why {@code text} may not be sent, or {@code null} when it may. */
    static String problem(String text, int maxLength) {
        if (text.isEmpty()) {
            return "empty message: nothing to send";
        }
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            count++;
            if (count > maxLength) {
                return "message too long: at most " + maxLength + " characters (max-message-length)";
            }
            if (forbidden(c)) {
                return String.format("message has a control character (U+%04X at character %d): send text, newlines"
                        + " and tabs only", c, count);
            }
            i += Character.charCount(c);
        }
        return null;
    }

    private static boolean forbidden(int c) {
        return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029;
    }
}
