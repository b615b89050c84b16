package parley.api.server;

import java.time.Duration;
import java.util.List;

import parley.api.Setting;
import parley.api.wire.Frames;

/**
 * The kernel's settings, with their defaults: the one place they are defined. Transports and features
 * declare their own (the TCP transport's host, port and queue limits are in its {@code TcpSettings}).
 */
public final class ServerSettings {

    public static final Setting<Long> MAX_FRAME_BYTES = Setting.bytes("max-frame-bytes", Frames.DEFAULT_MAX_FRAME_BYTES,
            "largest frame payload or legacy line a client may send; a bigger one gets ERROR and the connection closes");

    public static final Setting<Duration> KEEPALIVE = Setting.duration("keepalive", Duration.ofSeconds(30),
            "silence after which the server sends PING to a framed client; 0 turns PINGs off");

    public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("idle-timeout", Duration.ofSeconds(90),
            "silence after which a framed client is closed; 0 never");

    public static final Setting<Duration> LEGACY_IDLE_TIMEOUT = Setting.duration("legacy-idle-timeout", Duration.ZERO,
            "silence after which a legacy text connection is closed; 0 never (legacy clients know no PING)");

    public static final Setting<Duration> LOGIN_TIMEOUT = Setting.duration("login-timeout", Duration.ofSeconds(20),
            "time a connection has to log in before it is closed with ERROR; 0 never");

    public static final Setting<Duration> SEQUENCE_DEFAULT_TIMEOUT = Setting.duration("sequence-timeout",
            Duration.ofSeconds(30), "deadline of a sequence whose details give no timeout_ms");

    public static final Setting<Duration> SEQUENCE_MAX_TIMEOUT = Setting.duration("sequence-max-timeout",
            Duration.ofMinutes(10), "longest deadline a sequence may ask for");

    public static final Setting<String> OPERATORS = Setting.text("operators", "",
            "server operators: comma-separated pseudos, each an operator only when its LOGIN was authenticated "
                    + "(a registered pseudo with its password), never when taken first come");

    public static final Setting<Duration> RESUME_WINDOW = Setting.duration("resume-window", Duration.ofMinutes(2),
            "how long a dropped framed client may come back with its resume token and get its pseudo and rooms back"
                    + " without leaving; 0 turns resuming off");

    /** Every kernel setting, for help texts. */
    public static final List<Setting<?>> ALL = List.of(MAX_FRAME_BYTES, KEEPALIVE, IDLE_TIMEOUT, LEGACY_IDLE_TIMEOUT,
            LOGIN_TIMEOUT, SEQUENCE_DEFAULT_TIMEOUT, SEQUENCE_MAX_TIMEOUT, OPERATORS, RESUME_WINDOW);

    private ServerSettings() {
    }
}
