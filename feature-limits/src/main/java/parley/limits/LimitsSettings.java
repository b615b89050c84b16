package parley.limits;

import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/**
 * The limits plugin's settings and their defaults: the one place they are defined.
 *
 * <p>Why these defaults: a person types a few lines a second at most, and a client sends a handful of
 * requests at once when it starts (LOGIN, JOIN_ROOM, a listing). A burst of 20 then 5 a second lets
 * both through untouched, while a script pushing hundreds a second is refused within a fraction of a
 * second. Ergo, an IRC server, allows a burst of 5 then 2 a second and delays the rest; Parley refuses
 * with KO instead, so the client learns at once and the server holds nothing for it.
 */
public final class LimitsSettings {

    public static final Setting<Integer> REQUESTS_PER_SECOND = Setting.integer("limits.requests-per-second", 5, 0,
            1_000_000, "steady requests a second a session may send; 0 turns the limit off");

    public static final Setting<Integer> REQUEST_BURST = Setting.integer("limits.request-burst", 20, 1, 1_000_000,
            "requests a session may send at once before the steady rate applies");

    public static final Setting<Integer> FLOOD_REFUSALS = Setting.integer("limits.flood-refusals", 60, 1, 1_000_000,
            "refused requests within limits.flood-window after which the session is disconnected");

    public static final Setting<Duration> FLOOD_WINDOW = Setting.duration("limits.flood-window", Duration.ofSeconds(10),
            "the window in which limits.flood-refusals refusals disconnect a session");

    /**
     * Why 32MiB a second: a person's uploads over a good link stay under it, so nobody notices it, while
     * one session can no longer take a whole server's bandwidth or disk rate. Ergo and InspIRCd limit
     * bytes per line and lines per second; their clients send no files.
     */
    public static final Setting<Long> BYTES_PER_SECOND = Setting.bytes("limits.bytes-per-second", 32L << 20,
            "steady bytes a second a session may send, requests and file data together; requests over it get KO, "
                    + "file data is slowed down to it; 0 turns the byte limit off");

    public static final Setting<Long> BYTE_BURST = Setting.bytes("limits.byte-burst", 64L << 20,
            "bytes a session may send at once before limits.bytes-per-second applies");

    public static final List<Setting<?>> ALL = List.of(REQUESTS_PER_SECOND, REQUEST_BURST, FLOOD_REFUSALS, FLOOD_WINDOW,
            BYTES_PER_SECOND, BYTE_BURST);

    private LimitsSettings() {
    }
}
