package parley.transport.tcp;

import java.time.Duration;

import parley.api.Config;
import parley.api.server.ServerSettings;

/** The transport's settings, read once from the server config. */
record Limits(String host, int port, int maxFrameBytes, long queueBytes, int maxConnections,
              Duration keepalive, Duration idleTimeout, Duration legacyIdleTimeout, Duration grace) {

    static Limits of(Config config, int maxFrameBytes) {
        return new Limits(config.get(ServerSettings.HOST), config.get(ServerSettings.PORT), maxFrameBytes,
                config.get(ServerSettings.OUTBOUND_QUEUE_BYTES), config.get(ServerSettings.MAX_CONNECTIONS),
                config.get(ServerSettings.KEEPALIVE), config.get(ServerSettings.IDLE_TIMEOUT),
                config.get(ServerSettings.LEGACY_IDLE_TIMEOUT), config.get(ServerSettings.SHUTDOWN_GRACE));
    }

    /** How often the keepalive scan runs: a quarter of the shortest timer, within 20 ms and 1 s. */
    Duration scanEvery() {
        long shortest = Long.MAX_VALUE;
        for (Duration d : new Duration[] {keepalive, idleTimeout, legacyIdleTimeout}) {
            if (!d.isZero()) {
                shortest = Math.min(shortest, d.toMillis());
            }
        }
        if (shortest == Long.MAX_VALUE) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.clamp(shortest / 4, 20, 1000));
    }
}
