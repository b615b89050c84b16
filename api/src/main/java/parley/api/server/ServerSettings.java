package parley.api.server;

import java.time.Duration;
import java.util.List;

import parley.api.Setting;
import parley.api.wire.Frames;

/**
 * The kernel's and the transport's settings, with their defaults: the one place they are defined.
 * Features keep their own settings in a class of the same kind.
 */
public final class ServerSettings {

    public static final Setting<String> HOST = Setting.text("host", "0.0.0.0",
            "address to listen on; 0.0.0.0 means every interface");

    public static final Setting<Integer> PORT = Setting.integer("port", 7777, 0, 65535,
            "TCP port to listen on; 0 picks a free one");

    public static final Setting<Long> MAX_FRAME_BYTES = Setting.bytes("max-frame-bytes", Frames.DEFAULT_MAX_FRAME_BYTES,
            "largest frame payload or legacy line a client may send; a bigger one gets ERROR and the connection closes");

    public static final Setting<Long> OUTBOUND_QUEUE_BYTES = Setting.bytes("outbound-queue-bytes", 4L << 20,
            "bytes queued for one slow client before it is disconnected");

    public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("max-connections", 10_000, 1, 1_000_000,
            "open connections allowed at once; more get ERROR and are closed");

    public static final Setting<Duration> KEEPALIVE = Setting.duration("keepalive", Duration.ofSeconds(30),
            "silence after which the server sends PING to a framed client; 0 turns PINGs off");

    public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("idle-timeout", Duration.ofSeconds(90),
            "silence after which a framed (or not yet identified) connection is closed; 0 never");

    public static final Setting<Duration> LEGACY_IDLE_TIMEOUT = Setting.duration("legacy-idle-timeout", Duration.ZERO,
            "silence after which a legacy text connection is closed; 0 never (legacy clients know no PING)");

    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.duration("shutdown-grace", Duration.ofSeconds(2),
            "how long a closing connection may take to write what is queued");

    public static final Setting<Duration> SEQUENCE_DEFAULT_TIMEOUT = Setting.duration("sequence-timeout",
            Duration.ofSeconds(30), "deadline of a sequence whose details give no timeout_ms");

    public static final Setting<Duration> SEQUENCE_MAX_TIMEOUT = Setting.duration("sequence-max-timeout",
            Duration.ofMinutes(10), "longest deadline a sequence may ask for");

    /** Every kernel setting, for help texts. */
    public static final List<Setting<?>> ALL = List.of(HOST, PORT, MAX_FRAME_BYTES, OUTBOUND_QUEUE_BYTES,
            MAX_CONNECTIONS, KEEPALIVE, IDLE_TIMEOUT, LEGACY_IDLE_TIMEOUT, SHUTDOWN_GRACE,
            SEQUENCE_DEFAULT_TIMEOUT, SEQUENCE_MAX_TIMEOUT);

    private ServerSettings() {
    }
}
