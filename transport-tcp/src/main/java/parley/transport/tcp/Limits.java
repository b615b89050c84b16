package parley.transport.tcp;

import java.time.Duration;

import parley.api.Config;

/** The transport's settings, read once from the server config. */
record Limits(String host, int port, int maxFrameBytes, long queueBytes, int maxConnections,
              Duration firstBytesTimeout, Duration grace, Duration writerLinger) {

    static Limits of(Config config, int maxFrameBytes) {
        return new Limits(config.get(TcpSettings.HOST), config.get(TcpSettings.PORT), maxFrameBytes,
                config.get(TcpSettings.OUTBOUND_QUEUE_BYTES), config.get(TcpSettings.MAX_CONNECTIONS),
                config.get(TcpSettings.FIRST_BYTES_TIMEOUT), config.get(TcpSettings.SHUTDOWN_GRACE),
                config.get(TcpSettings.WRITER_LINGER));
    }

    /** How often the scan for silent new connections runs: a quarter of the timeout, within 20 ms and 1 s. */
    Duration scanEvery() {
        if (firstBytesTimeout.isZero()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.clamp(firstBytesTimeout.toMillis() / 4, 20, 1000));
    }
}
