package parley.p2p.client;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import parley.api.Config;

/**
 * A {@link P2pClient}'s settings, read from the client's {@link Config} ({@link P2pClientSettings})
 * or built in code. Immutable.
 *
 * @param clock decides when tokens expire; the system clock but in tests
 */
public record P2pOptions(AcceptPolicy accept, String listenHost, int listenPort, int announcePort, Path downloads,
                         long maxFileBytes, Duration keepalive, Duration linkTimeout, Clock clock) {

    /**
     * @throws IllegalArgumentException for a bad value, naming its key
     */
    public static P2pOptions from(Config config) {
        return new P2pOptions(config.get(P2pClientSettings.ACCEPT), config.get(P2pClientSettings.LISTEN_HOST),
                config.get(P2pClientSettings.LISTEN_PORT), config.get(P2pClientSettings.ANNOUNCE_PORT),
                config.get(P2pClientSettings.DOWNLOADS), config.get(P2pClientSettings.MAX_FILE_BYTES),
                config.get(P2pClientSettings.KEEPALIVE), config.get(P2pClientSettings.LINK_TIMEOUT), Clock.systemUTC());
    }

    public static P2pOptions defaults() {
        return from(Config.empty());
    }

    public P2pOptions withAccept(AcceptPolicy policy) {
        return new P2pOptions(policy, listenHost, listenPort, announcePort, downloads, maxFileBytes, keepalive,
                linkTimeout, clock);
    }

    public P2pOptions withListenHost(String host) {
        return new P2pOptions(accept, host, listenPort, announcePort, downloads, maxFileBytes, keepalive, linkTimeout,
                clock);
    }

    public P2pOptions withAnnouncePort(int port) {
        return new P2pOptions(accept, listenHost, listenPort, port, downloads, maxFileBytes, keepalive, linkTimeout,
                clock);
    }

    public P2pOptions withDownloads(Path folder) {
        return new P2pOptions(accept, listenHost, listenPort, announcePort, folder, maxFileBytes, keepalive,
                linkTimeout, clock);
    }

    public P2pOptions withMaxFileBytes(long bytes) {
        return new P2pOptions(accept, listenHost, listenPort, announcePort, downloads, bytes, keepalive, linkTimeout,
                clock);
    }

    public P2pOptions withKeepalive(Duration every, Duration timeout) {
        return new P2pOptions(accept, listenHost, listenPort, announcePort, downloads, maxFileBytes, every, timeout,
                clock);
    }

    public P2pOptions withClock(Clock newClock) {
        return new P2pOptions(accept, listenHost, listenPort, announcePort, downloads, maxFileBytes, keepalive,
                linkTimeout, newClock);
    }
}
