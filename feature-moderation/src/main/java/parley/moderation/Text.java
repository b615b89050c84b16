package parley.moderation;

/**
 * Free text in moderation (a topic, a reason): one line, no control, format (zero-width, bidi),
 * separator or unassigned characters, so it cannot move a terminal's cursor or reorder what people see;
 * and the same characters escaped when the client shows what it received.
 */
final class Text {

    private Text() {
    }

    /** Why {@code text} may not be used as the {@code what} (a topic, a reason), or {@code null}. */
    static String problem(String text, int max, String what) {
        if (text.codePointCount(0, text.length()) > max) {
            return what + " is longer than " + max + " characters";
        }
        int index = 0;
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            index++;
            if (unsafe(c)) {
                return String.format("%s has a control or invisible character at %d (U+%04X): write it on one line,"
                        + " without control characters", what, index, c);
            }
        }
        return null;
    }

    /** {@code text} with every unsafe character shown as a backslash, a {@code u} and its four hex digits, for a terminal; null as empty. */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
            int c = text.codePointAt(i);
            if (unsafe(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean unsafe(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.UNASSIGNED, Character.SURROGATE, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }
}
