package parley.api.sequence;

import java.time.Duration;
import java.time.Instant;

import parley.api.Session;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One running sequence (Story 6): an intermediate state, started by one session, that blocks its
 * initiator for that action until it ends in exactly one COMPLETE or one ERROR.
 *
 * <p>The engine calls its {@link SequenceAction} for a given sequence under that sequence's lock,
 * one call at a time, so an action's per-sequence state needs no further locking as long as it is
 * only touched from those callbacks. {@link #complete} and {@link #fail} may be called from any
 * thread; the first end wins and later ones return false.
 */
public interface Sequence {

    /** The server-wide id that participants see and answer with, e.g. {@code "s-17"}. */
    String id();

    /** The {@code seq} the initiator chose (an int or a string), echoed in ACK, COMPLETE and ERROR. */
    JsonNode initiatorSeq();

    Session initiator();

    /** The initiator's pseudo at the start. */
    String initiatorPseudo();

    /** The action name, e.g. {@code VOTE}. */
    String action();

    /** The message that started the sequence, as the initiator sent it; read it, do not change it. */
    parley.api.Message start();

    /** The {@code details} object of the starting message (empty when absent). */
    ObjectNode details();

    Instant deadline();

    default Duration remaining() {
        Duration left = Duration.between(Instant.now(), deadline());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Moves the deadline to now plus {@code from}, within the server's maximum. */
    void extendDeadline(Duration from);

    boolean isActive();

    /**
     * Runs {@code task} under this sequence's lock, the way the engine runs the action's callbacks, if
     * the sequence is still active. For events the engine does not route itself, such as a member
     * leaving a room: the task may then change the action's state and end the sequence safely.
     *
     * @return false when the sequence had already ended (the task did not run)
     */
    boolean withLock(Runnable task);

    /** Ends the sequence: the initiator gets {@code COMPLETE} with this result. False if it already ended. */
    boolean complete(ObjectNode result);

    /** Ends the sequence: the initiator gets {@code ERROR} with this reason. False if it already ended. */
    boolean fail(String reason);

    /** The action's own state for this sequence, set with {@link #attach}. */
    <T> T attachment(Class<T> type);

    void attach(Object state);
}
