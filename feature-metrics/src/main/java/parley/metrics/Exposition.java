package parley.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import parley.api.Figure;

/**
 * Figures as the Prometheus text format: one metric per figure name ({@code parley_} before the
 * server's and the plugins', the JVM's keep their {@code jvm_}), one sample per label set.
 */
final class Exposition {

    static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;

    private Exposition() {
    }

    static byte[] text(List<Figure> figures) {
        Map<String, List<Figure>> byName = new LinkedHashMap<>();
        for (Figure figure : figures) {
            byName.computeIfAbsent(figure.name(), n -> new ArrayList<>()).add(figure);
        }
        List<MetricSnapshot> snapshots = new ArrayList<>();
        byName.forEach((name, same) -> snapshots.add(snapshot(name, same)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, new MetricSnapshots(snapshots));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toByteArray();
    }

    private static MetricSnapshot snapshot(String name, List<Figure> figures) {
        Figure first = figures.get(0);
        String metric = name.startsWith("jvm_") ? name : "parley_" + name;
        if (first.kind() == Figure.Kind.COUNTER) {
            var builder = CounterSnapshot.builder().name(metric.endsWith("_total")
                    ? metric.substring(0, metric.length() - "_total".length()) : metric).help(first.help());
            for (Figure figure : figures) {
                builder.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder()
                        .labels(labels(figure)).value(figure.value()).build());
            }
            return builder.build();
        }
        var builder = GaugeSnapshot.builder().name(metric).help(first.help());
        for (Figure figure : figures) {
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels(figure)).value(figure.value()).build());
        }
        return builder.build();
    }

    private static Labels labels(Figure figure) {
        var builder = Labels.builder();
        figure.labels().forEach(builder::label);
        return builder.build();
    }
}
