package parley.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Senders at work, each running the same work on a thread of its own: a platform thread while there
 * are no more senders than cores (the cheapest then), a virtual thread beyond. Many platform threads
 * that nap and wake in the flow control cost the kernel a context switch each time: with 50 senders in
 * one room the load generator spent 3.4 µs of CPU per delivery on platform threads and 0.7–0.9 µs on
 * virtual ones (docs/PERFORMANCE.md).
 *
 * <p>When one sender's work fails (the server closed its connection, say), the others are stopped
 * ({@link Sender#stop}), so {@link #awaitUntil} returns as soon as they are, and a scenario reports the
 * failure without waiting for the end of its phase.
 */
final class Senders {

    /** What each sender does; it may throw. */
    interface Work {
        void run(Sender sender) throws Exception;
    }

    private final List<Sender> senders;
    private final List<Thread> threads = new ArrayList<>();
    /** Under this object's monitor: the failures so far, and how many senders' work has not ended. */
    private final List<Exception> failures = new ArrayList<>();
    private int running;

    private Senders(List<Sender> senders) {
        this.senders = List.copyOf(senders);
        this.running = senders.size();
    }

    /**
     * Starts {@code work} for each of {@code senders} (of one room or of several), on threads named
     * {@code prefix} and the sender's number: virtual ones when the senders outnumber the cores.
     */
    static Senders start(List<Sender> senders, String prefix, Work work) {
        Senders started = new Senders(senders);
        Thread.Builder threads = senders.size() > Runtime.getRuntime().availableProcessors()
                ? Thread.ofVirtual() : Thread.ofPlatform();
        for (Sender sender : senders) {
            started.threads.add(threads.name(prefix + sender.index()).start(() -> started.run(work, sender)));
        }
        return started;
    }

    private void run(Work work, Sender sender) {
        Exception failure = null;
        try {
            work.run(sender);
        } catch (Exception e) {
            failure = e;
        }
        boolean first;
        synchronized (this) {
            first = failure != null && failures.isEmpty();
            if (failure != null) {
                failures.add(failure);
            }
            running--;
            notifyAll();
        }
        if (first) {
            senders.forEach(Sender::stop); // the run is void: the others need not go on to the end
        }
    }

    /**
     * Waits until {@code deadline} ({@link System#nanoTime}) or until every sender's work ended, whichever
     * comes first: early when one failed, since the others then stop at their next turn ({@link #join}
     * throws the failure).
     */
    synchronized void awaitUntil(long deadline) throws InterruptedException {
        long left;
        while (running > 0 && (left = deadline - System.nanoTime()) > 0) {
            wait(left / 1_000_000, (int) (left % 1_000_000));
        }
    }

    /** Waits for every sender's work to end; throws the first failure, if any. */
    void join() throws Exception {
        for (Thread thread : threads) {
            thread.join();
        }
        synchronized (this) {
            if (!failures.isEmpty()) {
                throw failures.getFirst();
            }
        }
    }
}
