package parley.api.sequence;

import java.util.List;

import parley.api.Request;
import parley.api.Session;

/**
 * SPI: one kind of sequence, such as {@code VOTE}. Found with {@link java.util.ServiceLoader}.
 *
 * <p><b>Lifecycle.</b> A sequence starts with {@code BEGIN_SEQUENCE} naming this {@link #action()}
 * (or with a plugin's own verb that calls {@link Sequences#begin}). The engine checks the initiator's
 * {@code seq} and busy state, then calls {@link #begin}. If {@code begin} returns, the initiator gets
 * {@code ACK}; if it throws {@link parley.api.BadRequestException}, the initiator gets {@code ERROR}
 * with its message and nothing starts. Participants answer with one of {@link #answerTypes()}, whose
 * {@code seq} is the sequence's server id; the engine finds the sequence and calls
 * {@link #onAnswer}. The sequence ends when the action calls {@link Sequence#complete} or
 * {@link Sequence#fail}, or when the engine ends it (deadline, initiator gone, shutdown).
 *
 * <p><b>Threading.</b> All callbacks for one sequence run under that sequence's lock, on the thread
 * of the event (a reader thread, or the timer thread for deadlines). They must not block on other
 * clients.
 *
 * <p><b>Failure.</b> An exception thrown by {@link #onAnswer}, {@link #onDisconnect} or
 * {@link #onDeadline} is logged with the plugin's name and the sequence fails with ERROR; one thrown by
 * {@link #onAbort} is logged and the sequence ends with the abort's ERROR all the same. The server goes on.
 *
 * <p><b>Instances.</b> One per server: found with ServiceLoader, or built by the plugin and registered
 * with {@link parley.api.ServerContext#register(SequenceAction)}. The sequences a plugin's actions run
 * end with ERROR when it unloads.
 */
public interface SequenceAction {

    /** The action name, in capitals, e.g. {@code VOTE}. */
    String action();

    /** Message types that participants answer with, e.g. {@code VOTE}. Each becomes a verb. */
    default List<String> answerTypes() {
        return List.of();
    }

    /**
     * What the initiator is blocked on. By default the whole action: one active sequence of this
     * action per user. An upload action may block per room by returning the room.
     */
    default String busyScope(Request begin) {
        return "";
    }

    /**
     * Validates and starts the sequence. Throw {@link parley.api.BadRequestException} to refuse it;
     * the initiator then gets ERROR and stays free. May end the sequence at once (it then ends right
     * after the ACK).
     */
    void begin(Sequence sequence, Request request);

    /** A participant's answer. Reply to it through the request (OK, or KO with a reason). */
    void onAnswer(Sequence sequence, Request answer);

    /** A session closed while this sequence was active (the initiator or anyone else). */
    default void onDisconnect(Sequence sequence, Session session) {
    }

    /** The deadline passed. The default fails the sequence with "timed out". */
    default void onDeadline(Sequence sequence) {
        sequence.fail("sequence " + sequence.id() + " timed out");
    }

    /**
     * The engine is ending the sequence with ERROR (server shutdown, initiator gone): a last chance to
     * tell the participants. The ERROR to the initiator is sent by the engine right after.
     */
    default void onAbort(Sequence sequence, String reason) {
    }

    /** Lines for {@code HELP} and the plugin listing. */
    default String help() {
        return "BEGIN_SEQUENCE with action " + action();
    }
}
