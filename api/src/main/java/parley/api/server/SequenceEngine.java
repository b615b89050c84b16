package parley.api.server;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.BadRequestException;
import parley.api.Message;
import parley.api.Request;
import parley.api.Session;
import parley.api.Verbs;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.sequence.Sequences;
import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kernel's sequence engine (Story 6). It gives each sequence a server-wide id, keeps the
 * initiators' busy state and their seqs in use, runs the deadlines on the shared timer, and makes
 * sure every sequence ends exactly once: by its action, at its deadline, when its initiator
 * disconnects, or at shutdown.
 */
final class SequenceEngine implements Sequences {

    private static final Logger LOG = LoggerFactory.getLogger(SequenceEngine.class);

    private final ScheduledExecutorService timers;
    private final Duration defaultTimeout;
    private final Duration maxTimeout;
    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentHashMap<String, ActiveSequence> byId = new ConcurrentHashMap<>();
    /** "session id/action/scope" to the sequence keeping that initiator busy. */
    private final ConcurrentHashMap<String, ActiveSequence> busy = new ConcurrentHashMap<>();
    /** "session id/seq" to the active sequence using that seq. */
    private final ConcurrentHashMap<String, ActiveSequence> seqsInUse = new ConcurrentHashMap<>();

    SequenceEngine(ScheduledExecutorService timers, Duration defaultTimeout, Duration maxTimeout) {
        this.timers = timers;
        this.defaultTimeout = defaultTimeout;
        this.maxTimeout = maxTimeout;
    }

    /** How many sequences are active now, for STATS. */
    int activeCount() {
        return byId.size();
    }

    @Override
    public Optional<Sequence> begin(SequenceAction action, Request request) {
        Session initiator = request.session();
        Message message = request.message();
        JsonNode seq = message.seq();
        if (seq == null) {
            request.error(message.type() + " starts a sequence and needs a \"seq\" (a 32-bit integer or a string)");
            return Optional.empty();
        }
        ObjectNode details = message.get("details") instanceof ObjectNode d ? d : Json.object();
        if (message.has("details") && !message.get("details").isObject()) {
            request.error("\"details\" must be a JSON object");
            return Optional.empty();
        }
        Duration timeout;
        try {
            timeout = timeoutOf(details);
        } catch (BadRequestException e) {
            request.error(e.getMessage());
            return Optional.empty();
        }
        String scope;
        try {
            scope = action.busyScope(request);
        } catch (BadRequestException e) {
            request.error(e.getMessage());
            return Optional.empty();
        }
        String seqKey = initiator.id() + "/" + seqText(seq);
        String busyKey = initiator.id() + "/" + action.action() + "/" + scope;
        String id = "s-" + ids.incrementAndGet();
        ActiveSequence sequence = new ActiveSequence(this, id, action, busyKey, seqKey, initiator, seq,
                message, details, timeout);

        ActiveSequence clash = seqsInUse.putIfAbsent(seqKey, sequence);
        if (clash != null) {
            request.error("seq " + seq + " is already used by your active " + clash.action()
                    + " sequence; pick a seq that is not in use");
            return Optional.empty();
        }
        clash = busy.putIfAbsent(busyKey, sequence);
        if (clash != null) {
            seqsInUse.remove(seqKey, sequence);
            request.error("busy: your " + clash.action() + " sequence " + clash.initiatorSeq()
                    + (scope.isEmpty() ? "" : " in " + scope)
                    + " is still active; wait for its COMPLETE or ERROR");
            return Optional.empty();
        }
        byId.put(id, sequence);

        sequence.lock.lock();
        try {
            try {
                action.begin(sequence, request);
            } catch (BadRequestException e) {
                discard(sequence);
                request.error(e.getMessage());
                return Optional.empty();
            } catch (RuntimeException e) {
                LOG.warn("{} failed to begin {} for {}", pluginOf(action), sequence, initiator, e);
                discard(sequence);
                request.error("internal error starting " + action.action() + " (plugin " + pluginOf(action)
                        + "); the server logged it");
                return Optional.empty();
            }
            // the deadline as it stands now: an action may have set its own in begin (a file transfer's stall timeout)
            sequence.acknowledge(Message.of(Verbs.ACK).put(Message.SEQ, seq).put("id", id)
                    .put("timeout_ms", sequence.span().toMillis()));
            if (!sequence.ended()) {
                schedule(sequence);
            }
        } finally {
            sequence.lock.unlock();
        }
        return Optional.of(sequence);
    }

    @Override
    public Optional<Sequence> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Collection<Sequence> active() {
        return List.copyOf(byId.values());
    }

    /** Routes a participant's answer (its {@code seq} is the sequence id) to the sequence's action. */
    void answer(SequenceAction action, Request request) {
        JsonNode seq = request.message().seq();
        if (seq == null) {
            request.error(request.message().type() + " needs the \"seq\" of the sequence it answers");
            return;
        }
        String id = seqText(seq);
        ActiveSequence sequence = byId.get(id);
        if (sequence == null || sequence.action != action) {
            request.ko("no active " + action.action() + " sequence " + id + ": it is unknown or already closed");
            return;
        }
        sequence.lock.lock();
        try {
            if (sequence.ended()) {
                request.ko("no active " + action.action() + " sequence " + id + ": it is unknown or already closed");
                return;
            }
            try {
                action.onAnswer(sequence, request);
            } catch (BadRequestException e) {
                request.error(e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("{} failed on an answer to {}", pluginOf(action), sequence, e);
                request.error("internal error in " + action.action() + " (plugin " + pluginOf(action) + ")");
                sequence.fail("internal error in " + action.action() + "; the server logged it");
            }
        } finally {
            sequence.lock.unlock();
        }
    }

    /** A session closed: tell every active sequence, and end those it initiated. */
    void disconnected(Session session) {
        for (ActiveSequence sequence : byId.values()) {
            sequence.lock.lock();
            try {
                if (sequence.ended()) {
                    continue;
                }
                try {
                    sequence.action.onDisconnect(sequence, session);
                } catch (RuntimeException e) {
                    LOG.warn("{} failed handling a disconnect in {}", pluginOf(sequence.action), sequence, e);
                    sequence.fail("internal error in " + sequence.action() + "; the server logged it");
                }
                if (!sequence.ended() && sequence.initiator() == session) {
                    abort(sequence, "the initiator disconnected");
                }
            } finally {
                sequence.lock.unlock();
            }
        }
    }

    /** Ends every active sequence with ERROR. */
    void shutdown(String reason) {
        abortWhere(s -> true, reason);
    }

    /** Ends every active sequence of this action with ERROR: its plugin is being unloaded. */
    void abortAction(SequenceAction action, String reason) {
        abortWhere(s -> s.action == action, reason);
    }

    private void abortWhere(java.util.function.Predicate<ActiveSequence> which, String reason) {
        for (ActiveSequence sequence : byId.values()) {
            if (!which.test(sequence)) {
                continue;
            }
            sequence.lock.lock();
            try {
                if (!sequence.ended()) {
                    abort(sequence, reason);
                }
            } finally {
                sequence.lock.unlock();
            }
        }
    }

    /** Called once by a sequence that ended: frees its ids and its initiator. */
    void finished(ActiveSequence sequence) {
        byId.remove(sequence.id(), sequence);
        busy.remove(sequence.busyScope, sequence);
        seqsInUse.remove(sequence.seqKey, sequence);
        if (sequence.timer != null) {
            sequence.timer.cancel(false);
        }
        sequence.finishedNow();
    }

    /** Runs {@code task} once the sequence has finished, at once if it already has. */
    void whenFinished(Sequence sequence, Runnable task) {
        if (sequence instanceof ActiveSequence active) {
            active.whenFinished(task);
        }
    }

    Duration cap(Duration timeout) {
        return timeout.compareTo(maxTimeout) > 0 ? maxTimeout : timeout;
    }

    private void abort(ActiveSequence sequence, String reason) {
        try {
            sequence.action.onAbort(sequence, reason);
        } catch (RuntimeException e) {
            LOG.warn("{} failed aborting {}", pluginOf(sequence.action), sequence, e);
        }
        sequence.fail(reason);
    }

    private void discard(ActiveSequence sequence) {
        sequence.fail("refused"); // held back, never sent: there was no ACK
        finished(sequence);
    }

    private void schedule(ActiveSequence sequence) {
        long delay = Math.max(1, Duration.between(Instant.now(), sequence.deadline()).toMillis());
        sequence.timer = timers.schedule(() -> deadline(sequence), delay, TimeUnit.MILLISECONDS);
    }

    private void deadline(ActiveSequence sequence) {
        sequence.lock.lock();
        try {
            if (sequence.ended()) {
                return;
            }
            if (Instant.now().isBefore(sequence.deadline())) {
                schedule(sequence); // the action extended it
                return;
            }
            try {
                sequence.action.onDeadline(sequence);
            } catch (RuntimeException e) {
                LOG.warn("{} failed at the deadline of {}", pluginOf(sequence.action), sequence, e);
            }
            if (!sequence.ended()) {
                abort(sequence, sequence.action() + " sequence " + sequence.id() + " timed out");
            }
        } finally {
            sequence.lock.unlock();
        }
    }

    private Duration timeoutOf(ObjectNode details) {
        JsonNode timeout = details.get("timeout_ms");
        if (timeout == null) {
            return cap(defaultTimeout);
        }
        if (!timeout.isIntegralNumber() || !timeout.canConvertToLong() || timeout.longValue() <= 0) {
            throw new BadRequestException("details.timeout_ms must be a positive whole number of milliseconds, got "
                    + timeout);
        }
        return cap(Duration.ofMillis(timeout.longValue()));
    }

    static String seqText(JsonNode seq) {
        return seq.isString() ? seq.stringValue() : seq.asString();
    }

    static String pluginOf(Object provider) {
        String module = provider.getClass().getModule().getName();
        return module == null ? provider.getClass().getName() : module;
    }
}
