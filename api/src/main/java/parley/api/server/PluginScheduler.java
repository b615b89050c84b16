package parley.api.server;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Registration;
import parley.api.Scheduler;

/**
 * One plugin's {@link Scheduler} over the server's timer thread. It remembers what is pending, so that
 * {@link #cancelAll()} (at unload) leaves nothing of the plugin's to run. Thread-safe.
 */
final class PluginScheduler implements Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(PluginScheduler.class);

    private final Timers timers;
    private final String plugin;
    private final Set<ScheduledFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;

    PluginScheduler(Timers timers, String plugin) {
        this.timers = timers;
        this.plugin = plugin;
    }

    @Override
    public Registration schedule(Runnable task, Duration delay) {
        ScheduledFuture<?>[] self = new ScheduledFuture<?>[1];
        Runnable once = () -> {
            try {
                task.run();
            } finally {
                ScheduledFuture<?> future;
                synchronized (self) {
                    future = self[0];
                }
                if (future != null) {
                    pending.remove(future);
                }
            }
        };
        synchronized (self) {
            self[0] = submit(() -> timers.schedule(guarded(once), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS));
        }
        return track(self[0]);
    }

    @Override
    public Registration every(Duration period, Runnable task) {
        long nanos = Math.max(1, period.toNanos());
        return track(submit(() -> timers.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS)));
    }

    /**
     * Cancels everything this plugin scheduled; what it schedules later never runs (its plugin is
     * unloading or the server is stopping: a session-close listener may still schedule a cleanup, and
     * must not fail for it).
     */
    void cancelAll() {
        cancelled = true;
        pending.forEach(f -> f.cancel(false));
        pending.clear();
    }

    int pending() {
        return pending.size();
    }

    private ScheduledFuture<?> submit(java.util.function.Supplier<ScheduledFuture<?>> scheduling) {
        if (cancelled) {
            LOG.debug("plugin {} is unloaded or stopping: a timer it scheduled now will not run", plugin);
            return null;
        }
        try {
            return scheduling.get();
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the server is stopping: no more timers", e);
        }
    }

    private Registration track(ScheduledFuture<?> future) {
        if (future == null) {
            return () -> { };
        }
        if (!future.isDone()) {
            pending.add(future);
            if (future.isDone()) { // it ran before it was added
                pending.remove(future);
            }
        }
        if (cancelled) { // cancelAll ran between submit's check and the add: it missed this one
            future.cancel(false);
            pending.remove(future);
            return () -> { };
        }
        return () -> {
            future.cancel(false);
            pending.remove(future);
        };
    }

    /** Logs a task's failure with the plugin's name, then rethrows so a repeating task stops. */
    private Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("a timer task of plugin {} failed", plugin, e);
                throw e;
            }
        };
    }
}
