package parley.transport.web;

import java.time.Duration;
import java.util.List;

import parley.api.Config;
import parley.api.Setting;
import parley.api.wire.Frames;

/** The web plugin's server settings, with their defaults: the one place they are defined. */
public final class WebSettings {

    public static final Setting<Boolean> ENABLED = Setting.flag("web.enabled", true,
            "true serves HTTP and WebSocket on the TCP port (the browser client at /, WebSocket at /ws); false refuses"
                    + " HTTP requests like any unknown first bytes");

    public static final Setting<Long> MAX_HEAD_BYTES = Setting.bytes("web.max-head-bytes", 8L << 10,
            "largest HTTP request head (request line and headers); a bigger one gets 431 (or 414 for the line) and is closed");

    public static final Setting<Duration> HEAD_TIMEOUT = Setting.duration("web.head-timeout", Duration.ofSeconds(10),
            "time an HTTP request head may take to arrive whole, counted from the connection's start or the last"
                    + " answer (it also ends idle keep-alive connections)");

    public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("web.idle-timeout", Duration.ofSeconds(60),
            "WebSocket silence after which the server sends a ping (at half of it) and then closes with 1001 (at all of it);"
                    + " 0 never");

    public static final Setting<Duration> MAX_AGE = Setting.duration("web.max-age", Duration.ZERO,
            "how long a browser may keep the client's files without asking again (Cache-Control max-age); 0 means it"
                    + " asks each time and gets 304 when unchanged (ETag)");

    public static final Setting<Long> INBOUND_BUDGET = Setting.bytes("web.inbound-budget", 0,
            "bytes all WebSockets' unfinished messages may hold together, beyond 16KiB each; past it a client that needs"
                    + " more is closed with 1013; 0 means a quarter of the heap");

    public static final List<Setting<?>> ALL = List.of(ENABLED, MAX_HEAD_BYTES, HEAD_TIMEOUT, IDLE_TIMEOUT, MAX_AGE,
            INBOUND_BUDGET);

    /**
     * The kernel's {@code max-frame-bytes}, read with the kernel's default: a WebSocket message is one
     * frame's payload, so the same limit applies. Declared by the kernel, not listed here.
     */
    static final Setting<Long> MAX_FRAME_BYTES = Setting.bytes("max-frame-bytes", Frames.DEFAULT_MAX_FRAME_BYTES,
            "largest frame payload");

    private WebSettings() {
    }

    /** The settings as one value, read once when the plugin starts. */
    record Values(boolean enabled, int maxHeadBytes, Duration headTimeout, Duration idleTimeout, Duration maxAge,
                  int maxMessageBytes, long inboundBudget) {

        static Values of(Config config) {
            return new Values(config.get(ENABLED), (int) Math.clamp(config.get(MAX_HEAD_BYTES), 256, 1 << 20),
                    config.get(HEAD_TIMEOUT), config.get(IDLE_TIMEOUT), config.get(MAX_AGE),
                    (int) Math.clamp(config.get(MAX_FRAME_BYTES), 1, Integer.MAX_VALUE - 8), config.get(INBOUND_BUDGET));
        }

        static Values defaults() {
            return of(Config.of(java.util.Map.of()));
        }
    }
}
