package parley.api.sequence;

import java.util.Collection;
import java.util.Optional;

import parley.api.Request;

/**
 * The kernel's sequence engine. It owns sequence ids, deadlines, the initiators' busy state and
 * the guarantee of exactly one end per sequence. Thread-safe.
 */
public interface Sequences {

    /**
     * Starts a sequence of {@code action} for the request's sender. The request must carry a
     * {@code seq}. Answers the sender ACK, or ERROR (no seq, seq in use, busy, refused by the action).
     *
     * @return the sequence when it started
     */
    Optional<Sequence> begin(SequenceAction action, Request request);

    /** An active sequence by its server id. */
    Optional<Sequence> find(String id);

    /** A snapshot of the active sequences. */
    Collection<Sequence> active();
}
