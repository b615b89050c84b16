package parley.api.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import parley.api.Request;
import parley.api.Session;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.wire.Json;

/**
 * A sequence action for the kernel's tests: {@code POLL}, answered with {@code ANSWER}. Its busy scope
 * is the {@code scope} field of the details; an answer with {@code "done": true} completes it, one
 * with {@code "crash": true} throws. What it
 * does at begin and at a disconnect can be set; what the engine told it is recorded.
 */
final class PollAction implements SequenceAction {

    volatile BiConsumer<Sequence, Request> onBegin = (s, r) -> { };
    volatile BiConsumer<Sequence, Session> onDisconnect = (s, session) -> { };
    final List<String> aborts = new CopyOnWriteArrayList<>();
    final List<String> answers = new CopyOnWriteArrayList<>();

    @Override
    public String action() {
        return "POLL";
    }

    @Override
    public List<String> answerTypes() {
        return List.of("ANSWER");
    }

    @Override
    public String busyScope(Request begin) {
        var details = begin.message().get("details");
        return details != null && details.has("scope") ? details.get("scope").stringValue() : "";
    }

    @Override
    public void begin(Sequence sequence, Request request) {
        onBegin.accept(sequence, request);
    }

    @Override
    public void onAnswer(Sequence sequence, Request answer) {
        if (answer.message().has("crash")) {
            throw new IllegalStateException("broken answer handling");
        }
        answers.add(answer.session().pseudo());
        answer.ok();
        if (answer.message().has("done")) {
            sequence.complete(Json.object().put("by", answer.session().pseudo()));
        }
    }

    @Override
    public void onDisconnect(Sequence sequence, Session session) {
        onDisconnect.accept(sequence, session);
    }

    @Override
    public void onAbort(Sequence sequence, String reason) {
        aborts.add(reason);
    }
}
