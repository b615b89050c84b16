package parley.accounts;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes password hashes on a few platform threads of its own, with a bounded queue in front.
 *
 * <p><b>Why.</b> A hash takes a few hundred milliseconds of CPU on purpose. Readers are virtual threads
 * that share a handful of carrier threads (two on a two-core machine): a hash computed on a reader would
 * hold a carrier that long, and two logins at once would stall every connection. Here the reader parks
 * (which frees its carrier) until a hash thread has the answer; the operating system shares the cores
 * between the hash threads and the carriers.
 *
 * <p><b>Bounds.</b> At most {@code threads} hashes run at once and {@code queue} wait; past that the
 * call throws {@link Busy} at once, and the caller answers KO "server busy". A caller waits at most
 * {@link AccountsSettings#HASH_WAIT}. Thread-safe.
 */
final class Hasher implements AutoCloseable {

    /** The pool and its queue are full, or the answer took too long: try again later. */
    static final class Busy extends Exception {
        Busy(String message) {
            super(message, null, false, false);
        }
    }

    private final ThreadPoolExecutor pool;
    private final int iterations;
    private final java.util.concurrent.atomic.LongAdder computed = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();

    Hasher(int threads, int queue, int iterations) {
        this.iterations = iterations;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), task -> {
            Thread thread = new Thread(task, "accounts-hash-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
    }

    /** The cost new hashes are made with. */
    int iterations() {
        return iterations;
    }

    /** A new hash of {@code password} at the current cost; the caller waits for it. */
    PasswordHash hash(String password) throws Busy {
        return await(() -> {
            computed.increment();
            return PasswordHash.of(password, iterations);
        });
    }

    /** True when {@code password} matches {@code stored}; the caller waits for the answer. */
    boolean verify(String password, PasswordHash stored) throws Busy {
        return await(() -> {
            computed.increment();
            return stored.matches(password);
        });
    }

    /** Hashes computed so far (new ones and checks). */
    long computed() {
        return computed.sum();
    }

    /** Hashes refused because the pool and its queue were full. */
    long refused() {
        return refused.sum();
    }

    /** Hashes waiting for a thread now. */
    int waiting() {
        return pool.getQueue().size();
    }

    /** Runs {@code task} on a hash thread when one is free and the queue has room; never waits. */
    boolean offer(Runnable task) {
        try {
            pool.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private <T> T await(Callable<T> task) throws Busy {
        Future<T> future;
        try {
            future = pool.submit(task);
        } catch (RejectedExecutionException e) {
            refused.increment();
            throw new Busy("server busy checking passwords: try again in a few seconds");
        }
        Duration wait = AccountsSettings.HASH_WAIT;
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new Busy("server busy checking passwords: try again in a minute");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new Busy("interrupted while checking the password: try again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
