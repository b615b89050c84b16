package parley.api;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One figure an operator reads: the {@code STATS} verb lists them, and a metrics plugin exports them
 * (see {@link ServerContext#figures()}). A name is lower case with {@code _} between words, a unit
 * suffix where there is one ({@code _bytes}, {@code _seconds}), and {@code _total} for a counter;
 * labels tell figures of one name apart ({@code connections{protocol=tcp/framed}}).
 *
 * @param name   e.g. {@code messages_in_total}
 * @param labels label names to values, may be empty
 * @param value  the value now
 * @param kind   whether it only grows (a counter) or goes up and down (a gauge)
 * @param help   one line saying what it counts, for operators
 */
public record Figure(String name, Map<String, String> labels, double value, Kind kind, String help) {

    /** A counter only grows (until the server restarts); a gauge goes up and down. */
    public enum Kind { GAUGE, COUNTER }

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    public Figure {
        Objects.requireNonNull(kind, "kind");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad figure name '" + name
                    + "': use lower case letters, digits and '_', starting with a letter (e.g. rooms_members)");
        }
        for (String label : labels.keySet()) {
            if (!NAME.matcher(label).matches()) {
                throw new IllegalArgumentException("figure " + name + ": bad label name '" + label
                        + "': use lower case letters, digits and '_' (e.g. protocol)");
            }
        }
        labels = Map.copyOf(labels);
        help = help == null ? "" : help;
    }

    public static Figure gauge(String name, double value, String help) {
        return new Figure(name, Map.of(), value, Kind.GAUGE, help);
    }

    public static Figure counter(String name, double value, String help) {
        return new Figure(name, Map.of(), value, Kind.COUNTER, help);
    }

    /** This figure with one more label. */
    public Figure with(String label, String labelValue) {
        Map<String, String> more = new java.util.TreeMap<>(labels);
        more.put(label, labelValue);
        return new Figure(name, more, value, kind, help);
    }

    /**
     * The figure as one word of the STATS legacy line and of its {@code lines}:
     * {@code connections{protocol=tcp/framed}=3}; whole numbers have no decimals.
     */
    public String text() {
        StringBuilder out = new StringBuilder(name);
        if (!labels.isEmpty()) {
            out.append('{');
            new java.util.TreeMap<>(labels).forEach((k, v) -> {
                if (out.charAt(out.length() - 1) != '{') {
                    out.append(',');
                }
                out.append(k).append('=').append(v);
            });
            out.append('}');
        }
        out.append('=');
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            out.append((long) value);
        } else {
            out.append(value);
        }
        return out.toString();
    }
}
