package parley.api.server;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.Verbs;

/**
 * The kernel's keepalive, one scan of every session on the timer thread: a JSON client silent for
 * {@code keepalive} gets one PING; one silent for {@code idle-timeout} gets ERROR and is closed; a line
 * client, which knows no PING, is closed after {@code legacy-idle-timeout} if that is set; and a
 * connection that has not logged in within {@code login-timeout} gets ERROR and is closed, so that a
 * connection slot cannot be held without a pseudo. Anything a client sends counts as life. Connections that have not yet sent enough to be told apart are the
 * transport's to time out.
 */
final class Keepalive {

    private final Kernel kernel;
    private final long keepalive;
    private final long idle;
    private final long legacyIdle;
    private final long login;
    private ScheduledFuture<?> scan;

    Keepalive(Kernel kernel) {
        this.kernel = kernel;
        this.keepalive = kernel.config().get(ServerSettings.KEEPALIVE).toNanos();
        this.idle = kernel.config().get(ServerSettings.IDLE_TIMEOUT).toNanos();
        this.legacyIdle = kernel.config().get(ServerSettings.LEGACY_IDLE_TIMEOUT).toNanos();
        this.login = kernel.config().get(ServerSettings.LOGIN_TIMEOUT).toNanos();
    }

    /** Starts scanning, a quarter of the shortest timer apart (within 20 ms and 1 s); nothing if all are off. */
    void start() {
        long shortest = Long.MAX_VALUE;
        for (long nanos : new long[] {keepalive, idle, legacyIdle, login}) {
            if (nanos > 0) {
                shortest = Math.min(shortest, nanos);
            }
        }
        if (shortest == Long.MAX_VALUE) {
            return;
        }
        long every = Math.clamp(TimeUnit.NANOSECONDS.toMillis(shortest) / 4, 20, 1000);
        scan = kernel.timerPool().scheduleWithFixedDelay(this::scan, every, every, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (scan != null) {
            scan.cancel(false);
        }
    }

    private void scan() {
        long now = System.nanoTime();
        for (KernelSession session : kernel.registry().open()) {
            if (login > 0 && session.pseudo() == null && session.openNanos(now) > login) {
                timeout(session, "login timeout: no LOGIN within " + human(login)
                        + " (login-timeout); send LOGIN with your pseudo first");
                continue;
            }
            long silent = session.silentNanos(now);
            if (session.form() == PayloadForm.JSON) {
                if (idle > 0 && silent > idle) {
                    timeout(session, idleReason(idle));
                } else if (keepalive > 0 && silent > keepalive && session.markPinged()) {
                    session.send(Message.of(Verbs.PING));
                }
            } else if (legacyIdle > 0 && silent > legacyIdle) {
                timeout(session, idleReason(legacyIdle));
            }
        }
    }

    private static String human(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return d.toMillisPart() == 0 && d.toSeconds() > 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String idleReason(long limit) {
        return "idle timeout: nothing received for " + Duration.ofNanos(limit).toMillis() + " ms";
    }

    private static void timeout(KernelSession session, String reason) {
        if (!session.isOpen()) {
            return;
        }
        session.send(Kernel.error(reason));
        session.drop(reason); // a silent client may be one whose network went away: it may resume
    }
}
