package parley.transport.tcp;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Who may connect, decided at {@code accept()}, before a connection costs the server anything but its
 * socket: at most {@code max-connections} at once, at most {@code max-connections-per-ip} from one
 * address, and new connections from one address at a steady rate after a burst (a token bucket per
 * address). Addresses in {@code ip-limit-exempt} (loopback by default) skip the per-address limits.
 *
 * <p>Every connection counted by {@link #admit} is given back once by {@link #release}. Thread-safe:
 * one lock, held for a few map operations. An address's entry goes once it has no connection open and
 * its bucket is full again, so the map holds no more than the addresses connected lately.
 */
final class Admission {

    private static final long SECOND = 1_000_000_000L;

    /** One address's open connections and its bucket of new connections. */
    private static final class PerAddress {
        int open;
        long credit;
        long last;
    }

    private final int maxConnections;
    private final int maxPerAddress;
    private final long nanosPerConnection;
    private final long burstCredit;
    private final Set<InetAddress> exempt;
    private final LongSupplier clock;
    private final Map<InetAddress, PerAddress> addresses = new HashMap<>();
    private int open;

    /**
     * @param perSecond new connections a second from one address; 0 for no rate limit
     */
    Admission(int maxConnections, int maxPerAddress, int perSecond, int burst, Set<InetAddress> exempt, LongSupplier clock) {
        this.maxConnections = maxConnections;
        this.maxPerAddress = maxPerAddress;
        this.nanosPerConnection = perSecond == 0 ? 0 : SECOND / perSecond;
        this.burstCredit = (long) burst * nanosPerConnection;
        this.exempt = Set.copyOf(exempt);
        this.clock = clock;
    }

    /**
     * Counts a new connection in, or says why not.
     *
     * @return {@code null} when admitted (give it back with {@link #release}), else the reason to send
     */
    synchronized String admit(InetAddress address) {
        if (open >= maxConnections) {
            return "server full: it allows " + maxConnections + " connections; try again later";
        }
        if (exempt.contains(address)) {
            open++;
            return null;
        }
        long now = clock.getAsLong();
        PerAddress entry = addresses.get(address);
        if (entry == null) {
            entry = new PerAddress();
            entry.credit = burstCredit;
            entry.last = now;
            addresses.put(address, entry);
        }
        if (entry.open >= maxPerAddress) {
            return "too many connections from " + address.getHostAddress() + ": at most " + maxPerAddress
                    + " at once (max-connections-per-ip); close one first";
        }
        if (nanosPerConnection > 0) {
            entry.credit = Math.min(burstCredit, entry.credit + (now - entry.last));
            entry.last = now;
            if (entry.credit < nanosPerConnection) {
                long waitMs = Math.max(1, (nanosPerConnection - entry.credit) / 1_000_000);
                return "connecting too fast from " + address.getHostAddress()
                        + " (new-connections-per-ip); try again in " + waitMs + " ms";
            }
            entry.credit -= nanosPerConnection;
        }
        entry.open++;
        open++;
        return null;
    }

    /** Gives back a connection that {@link #admit} counted in. */
    synchronized void release(InetAddress address) {
        open--;
        PerAddress entry = addresses.get(address);
        if (entry == null) {
            return; // exempt
        }
        entry.open--;
        if (entry.open == 0 && entry.credit + (clock.getAsLong() - entry.last) >= burstCredit) {
            addresses.remove(address);
        }
    }

    synchronized int open() {
        return open;
    }

    /** Addresses tracked now, for tests of the map's bound. */
    synchronized int tracked() {
        return addresses.size();
    }

    int maxConnections() {
        return maxConnections;
    }
}
