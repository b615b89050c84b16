package parley.api.server;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's one timer thread, shared by sequence deadlines, the keepalive scan and the plugins'
 * {@link parley.api.Scheduler}s. Plugins never see it: each gets a {@link PluginScheduler} over it,
 * so none can shut it down. A task that throws is logged; a periodic one then stops repeating, the
 * others go on.
 */
final class Timers extends ScheduledThreadPoolExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);

    Timers() {
        super(1, Thread.ofPlatform().daemon().name("parley-timers").factory());
        setRemoveOnCancelPolicy(true);
        setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    protected void afterExecute(Runnable task, Throwable thrown) {
        super.afterExecute(task, thrown);
        if (thrown == null && task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
            try {
                future.get();
            } catch (ExecutionException e) {
                thrown = e.getCause();
            } catch (CancellationException | InterruptedException e) {
                return;
            }
        }
        if (thrown != null) {
            LOG.warn("a timer task failed", thrown);
        }
    }
}
