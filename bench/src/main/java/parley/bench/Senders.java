package parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A room's senders, each running the same work on a platform thread of its own. */
final class Senders {

    /** What each sender does; it may throw. */
    interface Work {
        void run(Sender sender) throws Exception;
    }

    private final List<Thread> threads = new ArrayList<>();
    private final List<Exception> failures = Collections.synchronizedList(new ArrayList<>());

    private Senders() {
    }

    /** Starts {@code work} for every sender of {@code group}, on threads named {@code prefix} and the sender's number. */
    static Senders start(Group group, String prefix, Work work) {
        Senders senders = new Senders();
        for (Sender sender : group.senders) {
            senders.threads.add(Thread.ofPlatform().name(prefix + sender.index()).start(() -> {
                try {
                    work.run(sender);
                } catch (Exception e) {
                    senders.failures.add(e);
                }
            }));
        }
        return senders;
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
