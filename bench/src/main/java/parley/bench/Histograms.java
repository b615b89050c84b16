package parley.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads {@code jcmd PID GC.class_histogram} and tells which classes grew between two of them. */
final class Histograms {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)", Pattern.MULTILINE);

    private Histograms() {
    }

    /** Class name to {instances, bytes}. */
    static Map<String, long[]> parse(String histogram) {
        Map<String, long[]> out = new HashMap<>();
        Matcher m = ROW.matcher(histogram);
        while (m.find()) {
            out.put(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        return out;
    }

    /** The {@code top} classes by bytes grown, per connection. */
    static String diff(Map<String, long[]> before, Map<String, long[]> after, int connections, int top) {
        List<Map.Entry<String, long[]>> grown = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, long[]> e : after.entrySet()) {
            long[] was = before.getOrDefault(e.getKey(), new long[2]);
            long[] delta = {e.getValue()[0] - was[0], e.getValue()[1] - was[1]};
            total += delta[1];
            grown.add(Map.entry(e.getKey(), delta));
        }
        grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%10s %10s  %s%n", "B/conn", "objs/conn", "class"));
        for (Map.Entry<String, long[]> e : grown.subList(0, Math.min(top, grown.size()))) {
            out.append(String.format(Locale.ROOT, "%10.1f %10.2f  %s%n", (double) e.getValue()[1] / connections,
                    (double) e.getValue()[0] / connections, e.getKey()));
        }
        out.append(String.format(Locale.ROOT, "%10.1f %10s  (all classes)%n", (double) total / connections, ""));
        return out.toString();
    }
}
