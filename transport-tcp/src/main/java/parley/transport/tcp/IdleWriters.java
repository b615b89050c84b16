package parley.transport.tcp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the writers that have had nothing to write for their {@code writer-linger} (when it is above
 * 0): a connection's writer stays while messages keep coming (a steady stream wakes it, no new thread
 * per message), and an idle connection holds no thread. One virtual thread, started with the first writer, sweeps the writers
 * that went idle every half linger; a writer lists itself when it first waits, not each time.
 */
final class IdleWriters {

    /** How often the sweep looks: a writer ends at most this long after its linger ran out. */
    static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(15);

    private static final ConcurrentLinkedQueue<OutboundQueue> LISTED = new ConcurrentLinkedQueue<>();
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private IdleWriters() {
    }

    /** Lists a writer that started waiting; it is looked at in the next sweeps until it ends. */
    static void list(OutboundQueue queue) {
        LISTED.add(queue);
        if (!STARTED.get() && STARTED.compareAndSet(false, true)) {
            Thread.ofVirtual().name("parley-idle-writers").start(IdleWriters::sweep);
        }
    }

    private static void sweep() {
        List<OutboundQueue> kept = new ArrayList<>();
        while (true) {
            try {
                TimeUnit.NANOSECONDS.sleep(SWEEP_NANOS);
            } catch (InterruptedException e) {
                STARTED.set(false);
                return;
            }
            long now = System.nanoTime();
            OutboundQueue queue;
            while ((queue = LISTED.poll()) != null) {
                try {
                    if (queue.retireIfIdle(now)) {
                        kept.add(queue);
                    }
                } catch (RuntimeException e) {
                    // a queue's own failure must not stop the sweep for the others
                }
            }
            LISTED.addAll(kept);
            kept.clear();
        }
    }
}
