package parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A room's senders, each running the same work on a thread of its own: a platform thread while there
 * are no more senders than cores (the cheapest then), a virtual thread beyond. Many platform threads
 * that nap and wake in the flow control cost the kernel a context switch each time: with 50 senders in
 * one room the load generator spent 3.4 µs of CPU per delivery on platform threads and 0.7–0.9 µs on
 * virtual ones (docs/PERFORMANCE.md).
 */
final class Senders {

    /** What each sender does; it may throw. */
    interface Work {
        void run(Sender sender) throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());

    private Senders() {
    }

    /**
     * Starts {@code work} for every sender of {@code group}, on threads named {@code prefix} and the
     * sender's number: virtual ones when {@code allSenders} (every room's, at once) outnumber the cores.
     */
    static Senders start(Group group, String prefix, int allSenders, Work work) {
        Senders senders = new Senders();
        Thread.Builder threads = allSenders > Runtime.getRuntime().availableProcessors()
                ? Thread.ofVirtual() : Thread.ofPlatform();
        for (Sender sender : group.senders) {
            senders.threads.add(threads.name(prefix + sender.index()).start(() -> {
                try {
                    work.run(sender);
                } catch (Exception e) {
                    senders.failures.add(e);
                }
            }));
        }
        return senders;
    }

    /** Waits until {@code deadline} ({@link System#nanoTime}) or until every sender's work ended, whichever comes first. */
    void awaitUntil(long deadline) throws InterruptedException {
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            thread.join(java.time.Duration.ofNanos(left));
        }
    }

    /** Waits for every sender's work to end; throws the first failure, if any. */
    void join() throws Exception {
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
    }
}
