/**
 * Prometheus metrics: what {@code STATS} lists (the kernel's figures and every plugin's, read through
 * {@link parley.api.ServerContext#figures()} on each scrape) and the JVM's memory and garbage
 * collection, served as the Prometheus text format on {@code http://HOST:metrics.port/metrics}. Off
 * unless {@code metrics.port} is set. Its libraries (the Prometheus Java client's model and text
 * writer) sit beside its jar in {@code plugins/metrics/}.
 */
module parley.metrics {
    requires parley.api;
    requires java.management;
    requires io.prometheus.metrics.model;
    requires io.prometheus.writer.text;
    requires io.prometheus.metrics.config;

    provides parley.api.spi.ServerFeature with parley.metrics.MetricsFeature;
    provides parley.api.spi.PluginInfo with parley.metrics.MetricsPluginInfo;
}
