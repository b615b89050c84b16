package parley.metrics;

import java.util.List;

import parley.api.ApiVersion;
import parley.api.Setting;
import parley.api.spi.PluginInfo;

/** Names the metrics plugin. */
public final class MetricsPluginInfo implements PluginInfo {

    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public int apiVersion() {
        return ApiVersion.CURRENT;
    }

    @Override
    public String description() {
        return "Prometheus metrics on metrics.port: the STATS figures, JVM memory and GC";
    }

    @Override
    public List<Setting<?>> settings() {
        return MetricsSettings.ALL;
    }
}
