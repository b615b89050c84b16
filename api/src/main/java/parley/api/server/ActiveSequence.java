package parley.api.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;

import parley.api.Message;
import parley.api.Session;
import parley.api.Verbs;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The engine's {@link Sequence}. Its lock serializes every callback into its action and every end.
 * An end reached before the ACK went out (inside {@code begin}) is held back and sent right after it.
 */
final class ActiveSequence implements Sequence {

    final ReentrantLock lock = new ReentrantLock();
    final SequenceAction action;
    final String busyScope;
    final String seqKey;

    private final SequenceEngine engine;
    private final String id;
    private final Session initiator;
    private final String initiatorPseudo;
    private final JsonNode initiatorSeq;
    private final Message start;
    private final java.util.List<Runnable> onFinished = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean finished;
    private final ObjectNode details;
    private volatile Instant deadline;
    private volatile Duration span;
    private volatile Object attachment;

    private boolean acked;
    private boolean ended;
    private Message heldEnd;
    ScheduledFuture<?> timer;

    ActiveSequence(SequenceEngine engine, String id, SequenceAction action, String busyScope, String seqKey,
                   Session initiator, JsonNode initiatorSeq, Message start, ObjectNode details, Duration timeout) {
        this.engine = engine;
        this.id = id;
        this.action = action;
        this.busyScope = busyScope;
        this.seqKey = seqKey;
        this.initiator = initiator;
        this.initiatorPseudo = initiator.pseudo();
        this.initiatorSeq = initiatorSeq;
        this.start = start;
        this.details = details;
        this.span = timeout;
        this.deadline = Instant.now().plus(timeout);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public JsonNode initiatorSeq() {
        return initiatorSeq;
    }

    @Override
    public Session initiator() {
        return initiator;
    }

    @Override
    public String initiatorPseudo() {
        return initiatorPseudo;
    }

    @Override
    public String action() {
        return action.action();
    }

    @Override
    public Message start() {
        return start;
    }

    /** Runs {@code task} once the sequence has finished (now, if it has). */
    void whenFinished(Runnable task) {
        onFinished.add(task);
        if (finished && onFinished.remove(task)) {
            task.run();
        }
    }

    /** Called once by the engine when the sequence is done with. */
    void finishedNow() {
        finished = true;
        for (Runnable task : onFinished) {
            if (onFinished.remove(task)) {
                task.run();
            }
        }
    }

    @Override
    public ObjectNode details() {
        return details;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public void extendDeadline(Duration from) {
        Duration capped = engine.cap(from);
        span = capped;
        deadline = Instant.now().plus(capped);
    }

    /** How long the deadline was last set for: the timeout the ACK announces. */
    Duration span() {
        return span;
    }

    @Override
    public boolean isActive() {
        lock.lock();
        try {
            return !ended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean withLock(Runnable task) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            task.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean complete(ObjectNode result) {
        return end(Message.of(Verbs.COMPLETE).put("result", result));
    }

    @Override
    public boolean fail(String reason) {
        return end(Message.of(Verbs.ERROR).put("reason", reason));
    }

    private boolean end(Message end) {
        lock.lock();
        try {
            if (ended) {
                return false;
            }
            ended = true;
            end.put(Message.SEQ, initiatorSeq);
            if (acked) {
                deliver(end);
            } else {
                heldEnd = end;
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Called by the engine once {@code begin} returned: sends the ACK, then any end held back. */
    void acknowledge(Message ack) {
        lock.lock();
        try {
            acked = true;
            initiator.send(ack);
            if (heldEnd != null) {
                deliver(heldEnd);
                heldEnd = null;
            }
        } finally {
            lock.unlock();
        }
    }

    boolean ended() {
        return ended;
    }

    private void deliver(Message end) {
        engine.finished(this); // free the initiator first: once it reads the end, it may start again at once
        initiator.send(end);
    }

    @Override
    public <T> T attachment(Class<T> type) {
        return type.cast(attachment);
    }

    @Override
    public void attach(Object state) {
        this.attachment = state;
    }

    @Override
    public String toString() {
        return action() + " sequence " + id + " (seq " + initiatorSeq + " of " + initiatorPseudo + ")";
    }
}
