package parley.accounts;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing delays after failed logins, per account and per IP address. After {@code free} failures of a
 * key, each further try must wait: {@code first} after the last free failure, then twice as long after
 * each further one, up to {@code max}. While a key waits, a try is refused at once, without hashing and
 * without counting as a failure: so guessing costs the server nothing, and the owner who waits the
 * delay out gets in with the right password, which clears the account's failures. An IP's failures are
 * not cleared by a success (an attacker could otherwise clear them with an account of its own); a key's
 * failures are forgotten after {@code forgetAfter} with none (a day: shorter would give a patient guesser
 * its free tries back, and more tries a day than waiting at {@code max}).
 *
 * <p>Memory is bounded: accounts' failures are kept only for registered accounts, and at most
 * {@link AccountsSettings#MAX_TRACKED} addresses at once (past that, stale ones are dropped first, and a
 * new address is not tracked until there is room). Thread-safe; O(1) per call, except the sweep.
 */
final class LoginThrottle {

    /** A key's failures and when it may try again. */
    private record Failures(int count, Instant last, Instant retryAt) {
    }

    private final Map<String, Failures> accounts = new ConcurrentHashMap<>();
    private final Map<String, Failures> addresses = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final int freeFailures;
    private final int freeFailuresPerIp;
    private final Duration first;
    private final Duration max;
    private final Duration forgetAfter;
    private final java.util.concurrent.atomic.LongAdder failedTotal = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder throttledTotal = new java.util.concurrent.atomic.LongAdder();

    LoginThrottle(InstantSource clock, int freeFailures, int freeFailuresPerIp, Duration first, Duration max,
                  Duration forgetAfter) {
        this.forgetAfter = forgetAfter;
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.freeFailuresPerIp = freeFailuresPerIp;
        this.first = first;
        this.max = max;
    }

    /**
     * Why this try must wait, or {@code null} when it may go ahead.
     *
     * @param pseudo the account's pseudo as the user typed it, for the message
     */
    String refusal(String key, String pseudo, String address) {
        Instant now = clock.instant();
        Duration account = waitFor(accounts.get(key), now);
        if (account != null) {
            throttledTotal.increment();
            return "too many failed logins for " + pseudo + ": try again in " + seconds(account);
        }
        Duration ip = waitFor(addresses.get(address), now);
        if (ip != null) {
            throttledTotal.increment();
            return "too many failed logins from " + address + ": try again in " + seconds(ip);
        }
        return null;
    }

    /** Counts a wrong password for the account {@code key} from {@code address}. */
    void failed(String key, String address) {
        failedTotal.increment();
        Instant now = clock.instant();
        accounts.compute(key, (k, old) -> next(old, now, freeFailures));
        if (addresses.size() >= AccountsSettings.MAX_TRACKED && !addresses.containsKey(address)) {
            sweep();
            if (addresses.size() >= AccountsSettings.MAX_TRACKED) {
                return;
            }
        }
        addresses.compute(address, (k, old) -> next(old, now, freeFailuresPerIp));
    }

    /** A right password: the account's failures are cleared. */
    void succeeded(String key) {
        accounts.remove(key);
    }

    /** How many failures the account has now; for the KO that tells how many are left. */
    int failures(String key) {
        Failures f = accounts.get(key);
        return f == null || stale(f, clock.instant()) ? 0 : f.count();
    }

    /** Wrong passwords counted so far. */
    long failedTotal() {
        return failedTotal.sum();
    }

    /** Tries refused so far because their account or address had to wait. */
    long throttledTotal() {
        return throttledTotal.sum();
    }

    /** The free failures per account. */
    int freeFailures() {
        return freeFailures;
    }

    /** Drops what is forgotten anyway: keys with no failure for {@code forgetAfter}. */
    void sweep() {
        Instant now = clock.instant();
        accounts.values().removeIf(f -> stale(f, now));
        addresses.values().removeIf(f -> stale(f, now));
    }

    private Failures next(Failures old, Instant now, int free) {
        int count = old == null || stale(old, now) ? 1 : old.count() + 1;
        Instant retryAt = count < free ? now : now.plus(delay(count - free));
        return new Failures(count, now, retryAt);
    }

    /** {@code first × 2^beyond}, at most {@code max}. */
    Duration delay(int beyond) {
        Duration delay = first;
        for (int i = 0; i < beyond && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    private boolean stale(Failures f, Instant now) {
        return f.last().plus(forgetAfter).isBefore(now);
    }

    private Duration waitFor(Failures f, Instant now) {
        if (f == null || !now.isBefore(f.retryAt())) {
            return null;
        }
        return Duration.between(now, f.retryAt());
    }

    /** The wait in whole seconds, rounded up: {@code 8s}. */
    private static String seconds(Duration wait) {
        long s = (wait.toMillis() + 999) / 1000;
        return s + "s";
    }
}
