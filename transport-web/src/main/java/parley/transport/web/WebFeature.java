package parley.transport.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

import parley.api.Figure;
import parley.api.ServerContext;
import parley.api.spi.ServerFeature;

/**
 * Starts the web plugin for one server: reads the {@code web.*} settings (and the kernel's
 * {@code max-frame-bytes}) for its {@link WebProtocol}, and adds the figure
 * {@code web_inbound_budget_used_bytes} to STATS and metrics.
 *
 * <p>{@link #start} runs on the thread that loads plugins and does not block; it throws only for a
 * setting that does not parse, and the plugin is then reported as failed (the server serves no HTTP).
 */
public final class WebFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(WebFeature.class);

    private final WebServer server;

    public WebFeature() {
        this.server = WebServer.newForThisLoad();
    }

    @Override
    public void start(ServerContext context) {
        server.start(WebSettings.Values.of(context.config()));
        context.addFigures(() -> List.of(Figure.gauge("web_inbound_budget_used_bytes", server.inbound().used(),
                "bytes of unfinished WebSocket messages held beyond 16KiB each (web.inbound-budget)")));
        LOG.info("web: {}", server.settings().enabled() ? "HTTP and WebSocket served on the TCP port (browser client at /,"
                + " WebSocket at " + WebProtocol.WS_PATH + ")" : "off (web.enabled=false)");
    }

    @Override
    public void stop() {
        server.stop();
    }
}
