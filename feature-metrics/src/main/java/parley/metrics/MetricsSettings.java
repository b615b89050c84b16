package parley.metrics;

import java.util.List;

import parley.api.Setting;

/** The metrics plugin's settings and their defaults: the one place they are defined. */
public final class MetricsSettings {

    public static final Setting<Integer> PORT = Setting.integer("metrics.port", 0, 0, 65_535,
            "the HTTP port that serves /metrics to Prometheus; 0 turns metrics off");

    public static final Setting<String> HOST = Setting.text("metrics.host", "127.0.0.1",
            "the address /metrics listens on; 0.0.0.0 for every interface (the figures are not secret, but not for everyone)");

    public static final List<Setting<?>> ALL = List.of(PORT, HOST);

    private MetricsSettings() {
    }
}
