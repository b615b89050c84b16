package parley.history;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * batches, and applies retention after each batch (and at least every {@link #SWEEP_EVERY} when idle).
 *
 * <p>{@link #offer} is called under a room's lock: it only queues (lock-free), never blocks. When the queue is full
 * (the disk far behind), events are dropped and counted, and the writer logs how many. Thread-safe.
 */
final class HistoryWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryWriter.class);
    private static final int CAPACITY = 100_000;
    private static final int BATCH = 1_000;
    private static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
    /** How long the writer sleeps when there is nothing to write. */
    private static final Duration IDLE = Duration.ofMillis(20);

    private final HistoryStore store;
    private final int maxPerRoom;
    private final Duration keepFor;
    private final Clock clock;
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

    HistoryWriter(HistoryStore store, int maxPerRoom, Duration keepFor, Clock clock) {
        this.store = store;
        this.maxPerRoom = maxPerRoom;
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
                if (pushed.isEmpty()) {
                    LockSupport.parkNanos(IDLE.toNanos()); // polling: the rooms never have to wake the writer
                    if (Thread.interrupted()) {
                        closing = true;
                    }
                } else {
                    queued.addAndGet(-pushed.size());
                    write(pushed.stream().map(HistoryWriter::entry).toList());
                    pushed.clear();
                }
                long now = clock.millis();
                if (now >= nextSweep) {
                    retain(Map.of(), now - keepFor.toMillis());
                    nextSweep = now + Math.min(SWEEP_EVERY.toMillis(), Math.max(1_000, keepFor.toMillis() / 2));
                }
            } catch (RuntimeException e) {
                LOG.error("the history writer failed; it goes on with the next events", e);
            }
        }
    }

    /** The push as the log keeps it: its JSON, and its server time read from its {@code time}. */
    private static Entry entry(Pushed pushed) {
        String time = pushed.message().message().text("time");
        long millis;
        try {
            millis = time == null ? System.currentTimeMillis() : Instant.parse(time).toEpochMilli();
        } catch (DateTimeParseException e) {
            millis = System.currentTimeMillis();
        }
        // the bytes the members got, encoded once by the room: nothing is encoded again
        String json = new String(pushed.message().payload(PayloadForm.JSON), StandardCharsets.UTF_8);
        return new Entry(pushed.room(), pushed.id(), millis, json);
    }

    private void write(List<Entry> batch) {
        Map<String, Long> last = new HashMap<>();
        try {
            store.append(batch);
            batch.forEach(entry -> last.merge(entry.room(), entry.id(), Math::max));
        } catch (java.sql.SQLException e) {
            LOG.error("the history lost {} events (rooms' ids {}..{}): writing to {} failed: {}; check the disk"
                    + " and the database file", batch.size(), batch.get(0).id(), batch.get(batch.size() - 1).id(),
                    store.file(), e.getMessage(), e);
        }
        retain(last, null);
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            LOG.warn("the history dropped {} events: its queue ({} events) was full, the disk is behind", lost, CAPACITY);
        }
        done.addAndGet(batch.size());
        synchronized (progress) {
            progress.notifyAll();
        }
    }

    /** Retention by count in {@code rooms}, and by age when {@code oldestMillis} is given. */
    private void retain(Map<String, Long> rooms, Long oldestMillis) {
        try {
            int deleted = store.retain(rooms, maxPerRoom, oldestMillis);
            if (deleted > 0) {
                LOG.debug("history retention deleted {} events", deleted);
            }
        } catch (java.sql.SQLException e) {
            LOG.warn("history retention failed on {}: {}; it is tried again after the next events",
                    store.file(), e.getMessage(), e);
        }
    }

    /** Writes what is queued (for at most 10 s), then stops the thread. */
    @Override
    public void close() {
        closing = true;
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
