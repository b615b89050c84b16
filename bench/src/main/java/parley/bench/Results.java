package parley.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every value measured, by figure and target, one per round; printed as medians with min and max. */
final class Results {

    private final Map<Figure, Map<String, List<Double>>> values = new LinkedHashMap<>();
    private final List<String> targets;
    private final List<String> failures = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();

    Results(List<String> targets) {
        this.targets = targets;
    }

    synchronized void add(Figure figure, String target, double value) {
        values.computeIfAbsent(figure, f -> new LinkedHashMap<>()).computeIfAbsent(target, t -> new ArrayList<>()).add(value);
    }

    synchronized void fail(String what) {
        failures.add(what);
    }

    /** Fills a figure's label's placeholders (RATE, BOUND) with the run's values. */
    void label(String placeholder, String value) {
        labels.put(placeholder, value);
    }

    List<String> failures() {
        return failures;
    }

    List<Double> values(Figure figure, String target) {
        return values.getOrDefault(figure, Map.of()).getOrDefault(target, List.of());
    }

    static double median(List<Double> list) {
        List<Double> sorted = list.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    String label(Figure figure) {
        String label = figure.label();
        for (Map.Entry<String, String> e : labels.entrySet()) {
            label = label.replace(e.getKey(), e.getValue());
        }
        return label;
    }

    void printTable(PrintWriter out) {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-52s %-5s", "figure: median (min-max)", "unit"));
        for (String target : targets) {
            head.append(String.format(Locale.ROOT, " %-26s", target));
        }
        boolean ratio = targets.contains("redis") && targets.size() > 1;
        if (ratio) {
            head.append(" vs redis (medians)");
        }
        out.println(head);
        for (Map.Entry<Figure, Map<String, List<Double>>> entry : values.entrySet()) {
            Figure figure = entry.getKey();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-52s %-5s", label(figure), figure.unit()));
            for (String target : targets) {
                List<Double> list = entry.getValue().getOrDefault(target, List.of());
                String cell = list.isEmpty() ? "-" : format(median(list)) + " (" + format(min(list)) + "-" + format(max(list)) + ")";
                line.append(String.format(Locale.ROOT, " %-26s", cell));
            }
            List<Double> redis = entry.getValue().getOrDefault("redis", List.of());
            if (ratio && !redis.isEmpty() && median(redis) != 0) {
                StringBuilder ratios = new StringBuilder();
                for (String target : targets) {
                    List<Double> list = entry.getValue().getOrDefault(target, List.of());
                    if (!target.equals("redis") && !list.isEmpty()) {
                        ratios.append(String.format(Locale.ROOT, " %s %.2fx", target, median(list) / median(redis)));
                    }
                }
                line.append(ratios);
            }
            out.println(line);
        }
        if (!failures.isEmpty()) {
            out.println();
            out.println("FAILED (" + failures.size() + "):");
            failures.forEach(f -> out.println("  " + f));
        }
        out.flush();
    }

    String json(Map<String, Object> meta) {
        StringBuilder out = new StringBuilder("{\n  \"meta\": {");
        boolean first = true;
        for (Map.Entry<String, Object> e : meta.entrySet()) {
            out.append(first ? "" : ",").append("\n    \"").append(e.getKey()).append("\": ").append(value(e.getValue()));
            first = false;
        }
        out.append("\n  },\n  \"figures\": [");
        first = true;
        for (Map.Entry<Figure, Map<String, List<Double>>> entry : values.entrySet()) {
            Figure figure = entry.getKey();
            out.append(first ? "" : ",").append("\n    {\"key\": ").append(value(figure.key()))
                    .append(", \"label\": ").append(value(label(figure))).append(", \"unit\": ").append(value(figure.unit()))
                    .append(", \"targets\": {");
            boolean firstTarget = true;
            for (Map.Entry<String, List<Double>> t : entry.getValue().entrySet()) {
                List<Double> list = t.getValue();
                out.append(firstTarget ? "" : ", ").append(value(t.getKey())).append(": {\"median\": ").append(number(median(list)))
                        .append(", \"min\": ").append(number(min(list))).append(", \"max\": ").append(number(max(list)))
                        .append(", \"rounds\": ").append(list.stream().map(Results::number).toList()).append('}');
                firstTarget = false;
            }
            out.append("}}");
            first = false;
        }
        out.append("\n  ],\n  \"failures\": ").append(failures.stream().map(Results::value).toList()).append("\n}\n");
        return out.toString();
    }

    private static String value(Object value) {
        if (value instanceof Number n) {
            return number(n.doubleValue());
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Results::value).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        String s = String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"");
        return "\"" + s + "\"";
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    private static double min(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** Three significant figures, with k and M for large values; whole numbers below 10,000 as they are. */
    static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e6) {
            return String.format(Locale.ROOT, "%.3gM", value / 1e6);
        }
        if (abs >= 1e4) {
            return String.format(Locale.ROOT, "%.3gk", value / 1e3);
        }
        if (abs >= 1e3 || abs == Math.rint(abs)) {
            return String.valueOf(Math.round(value)); // 2015, not 2.02e+03
        }
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
