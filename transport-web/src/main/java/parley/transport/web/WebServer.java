package parley.transport.web;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import parley.api.wire.BoundedBudget;

/**
 * One server's web state, shared by the plugin's {@link WebFeature} (which reads the settings at start)
 * and its {@link WebProtocol} (which serves connections with them): the settings, the client's files and
 * the timer for head deadlines and WebSocket pings.
 *
 * <p>A {@link parley.api.transport.ConnectionProtocol} is made with no context, so the two meet as the
 * TLS plugin's do: the kernel makes a plugin's features, then its protocols, on the thread that loads
 * the plugin; the feature made first leaves its state for the protocol made next on that thread.
 */
final class WebServer {

    private static final ThreadLocal<WebServer> LOADING = new ThreadLocal<>();

    private volatile WebSettings.Values settings = WebSettings.Values.defaults();
    private volatile boolean started;
    /**
     * What all WebSockets' unfinished messages may hold together beyond {@link #FREE} each
     * ({@code web.inbound-budget}; by default a quarter of the heap): Netty's decoder and aggregator
     * keep a message's bytes until it is whole.
     */
    private volatile BoundedBudget inbound = new BoundedBudget(Runtime.getRuntime().maxMemory() / 4);

    /** What each WebSocket may hold of an unfinished message without asking: one read buffer's worth. */
    static final long FREE = 16 << 10;
    private final StaticFiles files = new StaticFiles(WebServer.class.getModule(), StaticFiles.ROOT);
    private final ScheduledExecutorService timer;

    private WebServer() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("parley-web-timer").daemon().factory());
        executor.setRemoveOnCancelPolicy(true);
        this.timer = Executors.unconfigurableScheduledExecutorService(executor);
    }

    /** Called by the feature's constructor: a fresh state for the plugin being loaded on this thread. */
    static WebServer newForThisLoad() {
        WebServer server = new WebServer();
        LOADING.set(server);
        return server;
    }

    /** Called by the protocol's constructor: the state the feature made on this thread, or an idle one. */
    static WebServer forThisLoad() {
        WebServer server = LOADING.get();
        LOADING.remove();
        return server != null ? server : new WebServer();
    }

    void start(WebSettings.Values values) {
        this.settings = values;
        this.inbound = new BoundedBudget(values.inboundBudget() > 0 ? values.inboundBudget()
                : Runtime.getRuntime().maxMemory() / 4);
        this.started = true;
    }

    void stop() {
        started = false;
        timer.shutdownNow();
    }

    /** False until the feature started (and when it failed): the protocol then takes nothing. */
    boolean serving() {
        return started && settings.enabled();
    }

    WebSettings.Values settings() {
        return settings;
    }

    /** What all WebSockets' unfinished messages may hold together. */
    BoundedBudget inbound() {
        return inbound;
    }

    StaticFiles files() {
        return files;
    }

    /** Runs {@code task} after {@code delay} on the timer thread unless cancelled first; it must not block. */
    ScheduledFuture<?> after(Duration delay, Runnable task) {
        return timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} every {@code period} on the timer thread until cancelled; it must not block. */
    ScheduledFuture<?> every(Duration period, Runnable task) {
        return timer.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
