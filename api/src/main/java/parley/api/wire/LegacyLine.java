package parley.api.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The legacy line grammar: {@code VERB "arg" "arg" ...}.
 *
 * <p>The verb is a capital letter followed by capitals, digits or {@code _}. Arguments are separated
 * by spaces; a quoted argument may hold spaces and the escapes {@code \"}, {@code \\}, {@code \n} and
 * {@code \r}. A bare argument (no quotes) runs to the next space, so {@code LOGIN alice} also works.
 * Parsing and rendering are pure functions and thread-safe.
 */
public final class LegacyLine {

    private LegacyLine() {
    }

    /** A parsed line. */
    public record Parsed(String verb, List<String> args) {
    }

    /**
     * Parses one line, without its line ending ({@code \r} before the {@code \n} is dropped here).
     *
     * @throws ProtocolException (recoverable) naming what is wrong and where
     */
    public static Parsed parse(String line) throws ProtocolException {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        int i = 0;
        while (i < end && line.charAt(i) == ' ') {
            i++;
        }
        int verbStart = i;
        while (i < end && line.charAt(i) != ' ') {
            i++;
        }
        String verb = line.substring(verbStart, i);
        if (!isVerb(verb)) {
            throw ProtocolException.recoverable("bad verb '" + verb
                    + "': a line starts with a verb in capitals, like LOGIN \"alice\"");
        }
        List<String> args = new ArrayList<>();
        while (true) {
            while (i < end && line.charAt(i) == ' ') {
                i++;
            }
            if (i >= end) {
                break;
            }
            StringBuilder arg = new StringBuilder();
            if (line.charAt(i) == '"') {
                int start = i;
                i++;
                boolean closed = false;
                while (i < end) {
                    char c = line.charAt(i++);
                    if (c == '"') {
                        closed = true;
                        break;
                    }
                    if (c == '\\') {
                        if (i >= end) {
                            break;
                        }
                        char e = line.charAt(i++);
                        arg.append(switch (e) {
                            case 'n' -> '\n';
                            case 'r' -> '\r';
                            default -> e; // \" and \\ and anything else stand for themselves
                        });
                    } else {
                        arg.append(c);
                    }
                }
                if (!closed) {
                    throw ProtocolException.recoverable("unterminated quote in argument " + (args.size() + 1)
                            + " (starting at column " + (start + 1) + "); write a quote inside an argument as \\\"");
                }
                if (i < end && line.charAt(i) != ' ') {
                    throw ProtocolException.recoverable("argument " + (args.size() + 1)
                            + " must be followed by a space or the end of the line (column " + (i + 1) + ")");
                }
            } else {
                while (i < end && line.charAt(i) != ' ') {
                    arg.append(line.charAt(i++));
                }
            }
            args.add(arg.toString());
        }
        return new Parsed(verb, List.copyOf(args));
    }

    /** Renders a line, with its {@code \n}. Every argument is quoted and escaped. */
    public static String render(String verb, List<String> args) {
        StringBuilder out = new StringBuilder(verb.length() + 16 * args.size() + 1);
        out.append(verb);
        for (String arg : args) {
            out.append(' ').append('"');
            for (int i = 0; i < arg.length(); i++) {
                char c = arg.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(c);
                }
            }
            out.append('"');
        }
        return out.append('\n').toString();
    }

    /** True for a capital letter followed by capitals, digits or {@code _}. */
    public static boolean isVerb(String verb) {
        if (verb.isEmpty() || verb.charAt(0) < 'A' || verb.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < verb.length(); i++) {
            char c = verb.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9') && c != '_') {
                return false;
            }
        }
        return true;
    }
}
