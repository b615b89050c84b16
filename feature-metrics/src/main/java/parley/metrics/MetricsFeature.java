package parley.metrics;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.Figure;
import parley.api.ServerContext;
import parley.api.spi.ServerFeature;

/**
 * The metrics plugin's composition root: with {@code metrics.port} set, serves the server's figures
 * (those of {@code STATS}) and the JVM's at {@code /metrics}; each scrape reads them afresh.
 */
public final class MetricsFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsFeature.class);

    private volatile MetricsHttp http;

    @Override
    public void start(ServerContext context) throws Exception {
        Config config = context.config();
        MetricsSettings.ALL.forEach(config::get); // a bad value fails the start, naming its key
        int port = config.get(MetricsSettings.PORT);
        if (port == 0) {
            LOG.info("metrics: off (set metrics.port to serve /metrics)");
            return;
        }
        InetSocketAddress address = new InetSocketAddress(config.get(MetricsSettings.HOST), port);
        http = MetricsHttp.start(address, () -> {
            List<Figure> all = new ArrayList<>(context.figures());
            all.addAll(JvmFigures.now());
            return Exposition.text(all);
        });
        LOG.info("metrics: serving http://{}:{}/metrics", address.getHostString(), http.address().getPort());
    }

    @Override
    public void stop() {
        MetricsHttp running = http;
        if (running != null) {
            running.close();
        }
    }
}
