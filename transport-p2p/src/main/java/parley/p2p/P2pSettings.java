package parley.p2p;

import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/** The P2P plugin's server settings and their defaults: the one place they are defined. */
public final class P2pSettings {

    public static final Setting<Duration> ANSWER_TIMEOUT = Setting.duration("p2p.answer-timeout", Duration.ofSeconds(60),
            "how long an asked client has to accept or refuse a link");

    public static final Setting<Duration> TOKEN_TTL = Setting.duration("p2p.token-ttl", Duration.ofSeconds(60),
            "how long a link's token is good for, from the invite: the link must be set up, direct or relayed, by then");

    public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration("p2p.connect-timeout", Duration.ofSeconds(3),
            "how long the caller tries the direct link (connect and handshake) before falling back to the relay");

    public static final Setting<Integer> RELAY_PORT = Setting.integer("p2p.relay-port", 0, 0, 65535,
            "TCP port of the relay, on the server's host; 0 picks a free one (announced in each invite)");

    public static final Setting<String> RELAY_HOST = Setting.text("p2p.relay-host", "",
            "host the clients dial for the relay; empty: the host each client reached this server at");

    public static final Setting<Long> RELAY_MAX_BYTES = Setting.bytes("p2p.relay-max-bytes", 64L << 20,
            "bytes one relayed link may carry, both directions together; then the relay closes it");

    public static final Setting<Duration> RELAY_MAX_DURATION = Setting.duration("p2p.relay-max-duration",
            Duration.ofMinutes(10), "how long one relayed link may last; then the relay closes it");

    public static final Setting<Integer> RELAY_MAX_LINKS = Setting.integer("p2p.relay-max-links", 64, 0, 100_000,
            "relayed links at once; 0 turns the relay off");

    public static final Setting<Integer> MAX_PENDING = Setting.integer("p2p.max-pending", 8, 1, 1000,
            "links one user may be setting up at once");

    /** Every P2P server setting, for help texts. */
    public static final Setting<Duration> RELAY_PRESENT_TIMEOUT = Setting.duration("p2p.relay-present-timeout",
            Duration.ofSeconds(5), "time a relay connection has to prove its token, in all (a client does it at once)");

    public static final Setting<Integer> RELAY_PRESENTING_PER_IP = Setting.integer("p2p.relay-presenting-per-ip", 8, 1,
            100_000, "relay connections one address may have presenting at once; more are closed at once");

    public static final Setting<List<String>> RELAY_IP_EXEMPT = Setting.list("p2p.relay-ip-exempt", List.of(),
            "addresses the relay's per-address limit does not apply to; empty for none");

    public static final List<Setting<?>> ALL = List.of(ANSWER_TIMEOUT, TOKEN_TTL, CONNECT_TIMEOUT, RELAY_PORT,
            RELAY_HOST, RELAY_MAX_BYTES, RELAY_MAX_DURATION, RELAY_MAX_LINKS, MAX_PENDING, RELAY_PRESENT_TIMEOUT,
            RELAY_PRESENTING_PER_IP, RELAY_IP_EXEMPT);

    private P2pSettings() {
    }
}
