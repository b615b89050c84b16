package parley.testkit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A slow peer's steady pace: runs a step every {@code period} on a scheduler of its own, so a test
 * can play a client that trickles bytes without sleeping in a loop. The steps stop when one returns
 * false or throws (the server closed the connection: the usual end), or when the pace is closed.
 *
 * <pre>{@code
 * try (Pace pace = Pace.every(Duration.ofMillis(100), () -> { out.write(0); return true; })) {
 *     ... assert what the server does to the trickling peer ...
 * }
 * }</pre>
 */
public final class Pace implements AutoCloseable {

    /** One step of the pace; false (or an exception) ends it. */
    @FunctionalInterface
    public interface Step {
        boolean run() throws Exception;
    }

    private final ScheduledExecutorService scheduler;

    private Pace(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts running {@code step} now, then every {@code period}. */
    public static Pace every(Duration period, Step step) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "parley-test-pace");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleAtFixedRate(() -> {
            boolean more;
            try {
                more = step.run();
            } catch (Exception e) {
                more = false;
            }
            if (!more) {
                scheduler.shutdown();
            }
        }, 0, period.toNanos(), TimeUnit.NANOSECONDS);
        return new Pace(scheduler);
    }

    /** Stops the steps and waits for a running one to end. */
    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
    }
}
