package parley.transport.tcp;

import java.time.Duration;
import java.util.List;

import parley.api.Setting;

/** The TCP transport's settings and their defaults: the one place they are defined. */
public final class TcpSettings {

    public static final Setting<String> HOST = Setting.text("host", "0.0.0.0",
            "address to listen on; 0.0.0.0 means every interface");

    public static final Setting<Integer> PORT = Setting.integer("port", 7777, 0, 65535,
            "TCP port to listen on; 0 picks a free one");

    public static final Setting<Long> OUTBOUND_QUEUE_BYTES = Setting.bytes("outbound-queue-bytes", 4L << 20,
            "bytes queued for one slow client before it is disconnected");

    public static final Setting<Long> OUTBOUND_BUDGET = Setting.bytes("outbound-budget", 0,
            "bytes all clients' outbound queues may hold together; past it a client holding over 64KiB unread is"
                    + " disconnected when more comes for it; 0 means a quarter of the heap");

    public static final Setting<Long> INBOUND_BUDGET = Setting.bytes("inbound-budget", 0,
            "bytes all clients' read buffers may grow into, beyond 16KiB each, for large messages; past it a client"
                    + " that needs more gets ERROR and is closed; 0 means a quarter of the heap");

    public static final Setting<Integer> MAX_CONNECTIONS = Setting.integer("max-connections", 10_000, 1, 1_000_000,
            "open connections allowed at once; more get ERROR and are closed");

    public static final Setting<Integer> MAX_CONNECTIONS_PER_IP = Setting.integer("max-connections-per-ip", 32, 1,
            1_000_000, "open connections allowed at once from one address (raise it for a class behind one NAT address)");

    public static final Setting<Integer> NEW_CONNECTIONS_PER_IP = Setting.integer("new-connections-per-ip", 5, 0,
            1_000_000, "new connections a second from one address, after a burst; 0 for no limit");

    public static final Setting<Integer> NEW_CONNECTIONS_BURST = Setting.integer("new-connections-burst", 20, 1,
            1_000_000, "new connections one address may open at once before new-connections-per-ip applies");

    public static final Setting<List<String>> IP_LIMIT_EXEMPT = Setting.list("ip-limit-exempt", List.of("127.0.0.1", "::1"),
            "addresses the per-address limits do not apply to (loopback by default); empty for none");

    public static final Setting<Duration> FIRST_BYTES_TIMEOUT = Setting.duration("first-bytes-timeout",
            Duration.ofSeconds(90), "how long a new connection may take to send the bytes that tell its protocol");

    public static final Setting<Duration> MESSAGE_TIMEOUT = Setting.duration("message-timeout", Duration.ofMinutes(5),
            "time a started frame or line may take to arrive whole (a 256KiB file chunk needs 1KiB/s); 0 never");

    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.duration("shutdown-grace", Duration.ofSeconds(2),
            "how long a closing connection may take to write what is queued");

    public static final Setting<Duration> WRITER_LINGER = Setting.duration("writer-linger", Duration.ZERO,
            "how long a connection's writer waits for more to write before it ends (0: it ends as soon as its queue is"
            + " empty, and the next message starts a new one)");

    public static final List<Setting<?>> ALL = List.of(HOST, PORT, OUTBOUND_QUEUE_BYTES, OUTBOUND_BUDGET, INBOUND_BUDGET, MAX_CONNECTIONS,
            MAX_CONNECTIONS_PER_IP, NEW_CONNECTIONS_PER_IP, NEW_CONNECTIONS_BURST, IP_LIMIT_EXEMPT,
            FIRST_BYTES_TIMEOUT, MESSAGE_TIMEOUT, SHUTDOWN_GRACE, WRITER_LINGER);

    private TcpSettings() {
    }
}
