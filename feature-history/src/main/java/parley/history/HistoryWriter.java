package parley.history;

import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Outbound;
import parley.api.PayloadForm;

/**
 * Writes the rooms' events to the store on a thread of its own, in the order they were handed over, in
 * batches (one block per room per batch, see {@link HistoryStore#append}): what came within
 * {@link #GATHER} (50 ms), or up to {@link #BATCH} events at once when more wait. Retention by count is in the
 * same transaction, and retention by age at least every {@link #SWEEP_EVERY} and once more when closing.
 *
 * <p>{@link #offer} is called under a room's lock: it only queues (lock-free), never blocks. When the queue is full
 * (the disk far behind), events are dropped and counted, and the writer logs how many. Thread-safe.
 */
final class HistoryWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /**
     * How long the writer lets events gather after a batch that was not full, unless a reader wakes it
     * ({@link #awaitWritten}): each batch costs a transaction and makes a block per room, so batches of a
     * few events each, written as fast as they come, would cost per event again.
     */
    private static final Duration GATHER = Duration.ofMillis(50);

    private final HistoryStore store;
    private final Duration keepFor;
    private final Clock clock;
    /** The pushes' times, read on the writer thread. */
    private final PushTimes times = new PushTimes();
    /** Lock-free, so that a room's lock never waits on the writer; bounded by {@link #queued}. */
    private final Queue<Pushed> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    /** Events offered (dropped ones included), and events done with (written, dropped or failed). */
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private final Thread thread;
    private volatile boolean closing;

    HistoryWriter(HistoryStore store, Duration keepFor, Clock clock) {
        this.store = store;
        this.keepFor = keepFor;
        this.clock = clock;
        this.thread = Thread.ofPlatform().name("parley-history-writer").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** A push as the room handed it over; encoded on the writer thread. */
    private record Pushed(String room, long id, Outbound message) {
    }

    /** Queues the push; never blocks, encodes nothing. Called under the room's lock. */
    void offer(String room, long id, Outbound message) {
        offered.incrementAndGet();
        if (queued.incrementAndGet() > CAPACITY) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            done.incrementAndGet();
            return;
        }
        queue.add(new Pushed(room, id, message));
    }

    /**
     * Waits until every event offered before this call is written (or given up on), for at most
     * {@code timeout}; returns false on timeout. For a reader that must see what was already pushed.
     */
    boolean awaitWritten(Duration timeout) throws InterruptedException {
        long mark = offered.get();
        if (done.get() < mark) {
            LockSupport.unpark(thread); // no need to wait for the rest of the gathering
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            while (done.get() < mark) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(progress, left);
            }
        }
        return true;
    }

    private void run() {
        long nextSweep = 0;
        List<Pushed> pushed = new ArrayList<>(BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                for (Pushed next; pushed.size() < BATCH && (next = queue.poll()) != null; ) {
                    pushed.add(next);
                }
                boolean full = pushed.size() == BATCH;
                if (!pushed.isEmpty()) {
                    queued.addAndGet(-pushed.size());
                    List<Entry> batch = new ArrayList<>(pushed.size());
                    for (Pushed one : pushed) {
                        try {
                            batch.add(entry(one));
                        } catch (RuntimeException e) {
                            LOG.error("the history skips event {} of {}: it cannot be encoded", one.id(), one.room(), e);
                        }
                    }
                    int skipped = pushed.size() - batch.size();
                    pushed.clear();
                    write(batch, skipped);
                }
                if (!full && !closing) {
                    LockSupport.parkNanos(GATHER.toNanos()); // polling: the rooms never have to wake the writer
                    if (Thread.interrupted()) {
                        closing = true;
                    }
                }
                long now = clock.millis();
                if (now >= nextSweep) {
                    sweep();
                    nextSweep = now + Math.min(SWEEP_EVERY.toMillis(), Math.max(1_000, keepFor.toMillis() / 2));
                }
            } catch (RuntimeException e) {
                LOG.error("the history writer failed; it goes on with the next events", e);
            }
        }
        sweep(); // what is past retention by age now stays so, whatever keep-for the next start has
    }

    /**
     * The push as the log keeps it: the JSON bytes the members got (encoded once by the room, neither
     * copied nor decoded here), and its server time read from its {@code time}.
     */
    private Entry entry(Pushed pushed) {
        String time = pushed.message().message().text("time");
        long millis;
        try {
            millis = time == null ? System.currentTimeMillis() : times.millis(time);
        } catch (DateTimeParseException e) {
            millis = System.currentTimeMillis();
        }
        return new Entry(pushed.room(), pushed.id(), millis, pushed.message().payload(PayloadForm.JSON));
    }

    /**
     * Appends the batch, which also applies retention by count to its rooms, and counts it done with the
     * {@code skipped} events that could not be made into entries.
     */
    private void write(List<Entry> batch, int skipped) {
        try {
            int deleted = batch.isEmpty() ? 0 : store.append(batch);
            if (deleted > 0) {
                LOG.debug("history retention by count deleted {} blocks", deleted);
            }
        } catch (java.sql.SQLException | RuntimeException e) {
            LOG.error("the history lost {} events (rooms' ids {}..{}): writing to {} failed: {}; check the disk"
                    + " and the database file", batch.size(), batch.get(0).id(), batch.get(batch.size() - 1).id(),
                    store.file(), e.getMessage(), e);
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("the history dropped {} events: its queue ({} events) was full, the disk is behind", lost, CAPACITY);
        }
        done.addAndGet(batch.size() + skipped);
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Retention by age. */
    private void sweep() {
        try {
            int deleted = store.sweep();
            if (deleted > 0) {
                LOG.debug("history retention by age deleted {} blocks", deleted);
            }
        } catch (java.sql.SQLException e) {
            LOG.warn("history retention failed on {}: {}; it is tried again at the next sweep",
                    store.file(), e.getMessage(), e);
        }
    }

    /** Writes what is queued (for at most 10 s), then stops the thread. */
    @Override
    public void close() {
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("the history writer did not finish within 10 s: {} events were not written", queue.size());
        }
    }
}
