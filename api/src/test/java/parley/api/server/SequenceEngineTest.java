package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Verbs;
import parley.api.plugin.Plugin;
import parley.api.wire.Json;

class SequenceEngineTest {

    private final PollAction poll = new PollAction();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("polls").action(() -> poll).build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    private static Message begin(Object seq) {
        Message message = Message.of(Verbs.BEGIN_SEQUENCE).put("action", "POLL");
        return seq instanceof Integer i ? message.put(Message.SEQ, i) : message.put(Message.SEQ, (String) seq);
    }

    private static Message begin(Object seq, String scope, long timeoutMs) {
        return begin(seq).put("details", Json.object().put("scope", scope).put("timeout_ms", timeoutMs));
    }

    @Test
    void beginSequenceIsAckedWithTheIdAndTheTimeout() {
        var alice = kernel.login("alice");

        Message ack = alice.call(begin(1, "", 60_000));

        assertThat(ack.type()).isEqualTo(Verbs.ACK);
        assertThat(ack.seq().intValue()).isEqualTo(1);
        assertThat(ack.text("id")).startsWith("s-");
        assertThat(ack.number("timeout_ms", -1)).isEqualTo(60_000);
        assertThat(kernel.server.context().sequences().find(ack.text("id"))).isPresent();
    }

    @Test
    void anUnknownActionGetsError() {
        var alice = kernel.login("alice");

        Message answer = alice.call(Message.of(Verbs.BEGIN_SEQUENCE).put("action", "NOPE").put(Message.SEQ, 1));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).contains("unknown sequence action 'NOPE'").contains("POLL");
    }

    @Test
    void noSeqGetsError() {
        var alice = kernel.login("alice");

        Message answer = alice.call(Message.of(Verbs.BEGIN_SEQUENCE).put("action", "POLL"));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).contains("needs a \"seq\"");
    }

    @Test
    void aSeqInUseGetsError() {
        var alice = kernel.login("alice");
        assertThat(alice.call(begin(5, "room-a", 60_000)).type()).isEqualTo(Verbs.ACK);

        Message answer = alice.call(begin(5, "room-b", 60_000));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).contains("seq 5 is already used by your active POLL sequence");
    }

    @Test
    void aSecondSequenceOfTheSameActionAndScopeIsBusy() {
        var alice = kernel.login("alice");
        assertThat(alice.call(begin(1, "room-a", 60_000)).type()).isEqualTo(Verbs.ACK);

        Message busy = alice.call(begin(2, "room-a", 60_000));
        Message otherScope = alice.call(begin(3, "room-b", 60_000));

        assertThat(busy.type()).isEqualTo(Verbs.ERROR);
        assertThat(busy.seq().intValue()).isEqualTo(2);
        assertThat(busy.text("reason")).startsWith("busy: your POLL sequence 1 in room-a is still active");
        assertThat(otherScope.type()).isEqualTo(Verbs.ACK);
    }

    @Test
    void anEndReachedInsideBeginIsSentRightAfterTheAck() {
        poll.onBegin = (sequence, request) -> sequence.complete(Json.object().put("at", "begin"));
        var alice = kernel.login("alice");

        Message ack = alice.call(begin(1));
        Message end = alice.next();

        assertThat(ack.type()).isEqualTo(Verbs.ACK);
        assertThat(end.type()).isEqualTo(Verbs.COMPLETE);
        assertThat(end.seq().intValue()).isEqualTo(1);
        assertThat(end.get("result").get("at").stringValue()).isEqualTo("begin");
        assertThat(alice.call(begin(2)).type()).as("the initiator is free again").isEqualTo(Verbs.ACK);
    }

    @Test
    void aBadRequestInBeginGetsErrorAndNothingStarts() {
        poll.onBegin = (sequence, request) -> request.require("question");
        var alice = kernel.login("alice");

        Message answer = alice.call(begin(1));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).contains("question");
        assertThat(kernel.server.context().sequences().active()).isEmpty();
    }

    @Test
    void theDeadlineEndsTheSequenceWithTimedOut() {
        var alice = kernel.login("alice");
        assertThat(alice.call(begin(1, "", 50)).type()).isEqualTo(Verbs.ACK);

        Message end = alice.next(); // waits for the deadline, however late the timer runs

        assertThat(end.type()).isEqualTo(Verbs.ERROR);
        assertThat(end.seq().intValue()).isEqualTo(1);
        assertThat(end.text("reason")).contains("timed out");
    }

    @Test
    void answersAreRoutedByTheSequenceId() {
        var alice = kernel.login("alice");
        var bob = kernel.login("bob");
        String id = alice.call(begin(1)).text("id");

        Message ok = bob.call(Message.of("ANSWER").put(Message.SEQ, id));
        Message done = bob.call(Message.of("ANSWER").put(Message.SEQ, id).put("done", true));

        assertThat(ok.type()).isEqualTo(Verbs.OK);
        assertThat(done.type()).isEqualTo(Verbs.OK);
        assertThat(poll.answers).containsExactly("bob", "bob");
        Message end = alice.next();
        assertThat(end.type()).isEqualTo(Verbs.COMPLETE);
        assertThat(end.get("result").get("by").stringValue()).isEqualTo("bob");
    }

    @Test
    void anAnswerToAnUnknownIdGetsKo() {
        var bob = kernel.login("bob");

        Message answer = bob.call(Message.of("ANSWER").put(Message.SEQ, "s-999"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).contains("no active POLL sequence s-999");
        assertThat(poll.answers).isEmpty();
    }

    @Test
    void theInitiatorDisconnectingAbortsTheSequence() {
        var alice = kernel.login("alice");
        String id = alice.call(begin(1)).text("id");

        alice.hangUp();

        assertThat(poll.aborts).containsExactly("the initiator disconnected");
        assertThat(kernel.server.context().sequences().find(id)).isEmpty();
    }

    @Test
    void anOnDisconnectThatThrowsFailsTheSequence() {
        poll.onDisconnect = (sequence, session) -> {
            throw new IllegalStateException("broken action");
        };
        var alice = kernel.login("alice");
        var bob = kernel.login("bob");
        String id = alice.call(begin(1)).text("id");

        bob.hangUp();

        Message end = alice.next();
        assertThat(end.type()).isEqualTo(Verbs.ERROR);
        assertThat(end.seq().intValue()).isEqualTo(1);
        assertThat(end.text("reason")).startsWith("internal error in POLL");
        assertThat(kernel.server.context().sequences().find(id)).isEmpty();
    }

    @Test
    void anOnAnswerThatThrowsFailsTheSequenceAndTheAnswerGetsError() {
        var alice = kernel.login("alice");
        var bob = kernel.login("bob");
        String id = alice.call(begin(1)).text("id");

        Message answer = bob.call(Message.of("ANSWER").put(Message.SEQ, id).put("crash", true));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).startsWith("internal error in POLL");
        Message end = alice.next();
        assertThat(end.type()).isEqualTo(Verbs.ERROR);
        assertThat(end.seq().intValue()).isEqualTo(1);
        assertThat(kernel.server.context().sequences().find(id)).isEmpty();
    }

    @Test
    void shutdownEndsTheSequencesWithError() {
        var alice = kernel.login("alice");
        assertThat(alice.call(begin(1)).type()).isEqualTo(Verbs.ACK);

        kernel.close();

        Message end = alice.next();
        assertThat(end.type()).isEqualTo(Verbs.ERROR);
        assertThat(end.text("reason")).isEqualTo("server shutting down");
        assertThat(alice.next().type()).isEqualTo(Verbs.SHUTDOWN);
    }
}
