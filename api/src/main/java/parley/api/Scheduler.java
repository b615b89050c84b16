package parley.api;

import java.time.Duration;

/**
 * A plugin's timers: deadlines, sweeps, status ticks. Each plugin gets its own view of the server's
 * timer thread; what a plugin scheduled is cancelled when it unloads, and when the server stops,
 * before its features stop. Scheduling after that does nothing: the task never runs.
 *
 * <p><b>Threading.</b> Tasks run on the server's one timer thread, so they must not block: hand
 * blocking work to a virtual thread. A task that throws is logged with its plugin; a repeating one
 * then stops, the others go on.
 */
public interface Scheduler {

    /** Runs {@code task} once after {@code delay}. Cancel it with the returned registration. */
    Registration schedule(Runnable task, Duration delay);

    /** Runs {@code task} every {@code period}, the first time after one period, until cancelled. */
    Registration every(Duration period, Runnable task);
}
