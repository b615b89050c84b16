package parley.bench;

import java.io.IOException;
import java.util.List;

/**
 * Counts read at one moment of a measured run, or (from {@link #since}) what they grew by between two:
 * deliveries (members' and, where senders are members, senders'), messages acknowledged, the server's
 * and the load generator's CPU time (user + system, {@link Proc#cpuNanos}, in 10 ms steps) and the time.
 */
record Usage(long deliveries, long acked, long serverCpuNanos, long kitCpuNanos, long nanos) {

    /** The counts now, for {@code target} and its {@code rooms}. */
    static Usage now(Target target, List<Group> rooms) throws IOException {
        long deliveries = rooms.stream().mapToLong(g -> g.received() + g.pushesToSenders()).sum();
        long acked = rooms.stream().mapToLong(Group::acked).sum();
        return new Usage(deliveries, acked, Proc.cpuNanos(target.pid()), Proc.cpuNanos(ProcessHandle.current().pid()),
                System.nanoTime());
    }

    /** What each count grew by since {@code before}. */
    Usage since(Usage before) {
        return new Usage(deliveries - before.deliveries, acked - before.acked, serverCpuNanos - before.serverCpuNanos,
                kitCpuNanos - before.kitCpuNanos, nanos - before.nanos);
    }

    double seconds() {
        return nanos / 1e9;
    }

    /** The server's CPU per delivery in ns; NaN without a delivery. */
    double serverPerDelivery() {
        return deliveries == 0 ? Double.NaN : (double) serverCpuNanos / deliveries;
    }

    /** The load generator's CPU per delivery in ns; NaN without a delivery. */
    double kitPerDelivery() {
        return deliveries == 0 ? Double.NaN : (double) kitCpuNanos / deliveries;
    }
}
