package parley.bench;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What one run measures and for how long. {@link #full()} is the default; {@link #quick()} keeps every
 * scenario and every target with shorter phases, for a run of a few minutes. {@code senders}: the
 * fan-out and latency room's senders, each on a connection of its own (the latency scenario's rate is
 * shared among them); the large room has one. {@code rooms}: rooms in the fan-out, each with those
 * members and senders, all sending at once (latency and ramp use the first). {@code window}: messages
 * a sender may have unacknowledged; {@code lag}: deliveries (messages times members) it may be ahead of
 * its slowest member, so that the queues stay within every server's memory budget (Parley's
 * outbound-budget is a quarter of the heap: 64 MiB at 256m). {@code idle}: connections of the idle
 * scenario, opened {@code idleRate} a second (0: as fast as they go), each also joining one of
 * {@code idleRooms} rooms (0: they only log in).
 */
record Plan(int rounds, Duration warmup, Duration measure, int members, int senders, int rooms, int bigMembers, int size, int window, int lag,
            int latencyRate, List<Integer> rampRates, double rampBoundMs, Duration rampStep, int idle,
            int idleRate, int idleRooms, Set<String> scenarios) {

    static final Set<String> ALL = Set.of("idle", "fanout", "latency", "ramp", "fanout1000");

    static Plan full() {
        return new Plan(3, Duration.ofSeconds(2), Duration.ofSeconds(5), 100, 1, 1, 1000, 100, 1000, 200_000, 5000,
                List.of(1000, 2000, 3000, 4000, 5000, 6000, 8000, 10000, 12000, 14000, 16000, 20000, 24000, 32000), 10,
                Duration.ofSeconds(3), 15_000, 0, 0, ALL);
    }

    static Plan quick() {
        return new Plan(3, Duration.ofMillis(1500), Duration.ofMillis(1500), 100, 1, 1, 1000, 100, 1000, 200_000, 5000,
                List.of(1000, 2000, 3000, 5000, 8000, 12000, 16000), 10, Duration.ofMillis(1500), 15_000, 0, 0, ALL);
    }
}
