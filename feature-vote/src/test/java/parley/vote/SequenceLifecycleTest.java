package parley.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Request;
import parley.api.client.ClientException;
import parley.api.client.ParleyClient;
import parley.api.client.SequenceHandle;
import parley.api.plugin.Plugin;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.server.ParleyServer;
import parley.api.wire.Json;
import parley.testkit.TestServer;

/** The sequence engine's guarantees around a vote: shutdown, client-side timeouts, other actions. */
class SequenceLifecycleTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void shutdownWithAVoteOpenGivesTheInitiatorExactlyOneEnd() throws Exception {
        ParleyServer server = VoteServer.start();
        List<ParleyClient> m = VoteServer.members(server, "shut", 2, "room1");
        try {
            ParleyClient alice = m.get(0);
            List<Message> ends = Collections.synchronizedList(new ArrayList<>());
            alice.onPush(p -> {
                if (("COMPLETE".equals(p.type()) || "ERROR".equals(p.type())) && p.seq() != null && p.seq().intValue() == 101) {
                    ends.add(p);
                }
            });
            Message ack = alice.call(Message.of("BEGIN_SEQUENCE").put("seq", 101).put("action", "VOTE").put("room", "room1")
                    .put("details", Json.object().put("question", "Still up?")), LONG);
            assertThat(ack.type()).isEqualTo("ACK");
            m.get(1).awaitPush("VOTE_REQUEST", LONG);
            server.close();
            await().atMost(LONG).until(() -> !alice.isOpen());
            assertThat(ends).hasSize(1);
            assertThat(ends.get(0).type()).isEqualTo("ERROR");
            assertThat(ends.get(0).text("reason")).contains("shutting down");
            Message result = m.get(1).awaitPush("SEQUENCE_RESULT", LONG);
            assertThat(result.body().get("cancelled").asBoolean()).isTrue();
        } finally {
            m.forEach(ParleyClient::close);
            server.close();
        }
    }

    @Test
    void aHandleTimesOutWhenTheServerNeverAnswersAndTheClientIsFreeAgain() throws Exception {
        try (ServerSocket standIn = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> { // accepts and reads, never answers
                try (Socket socket = standIn.accept(); InputStream in = socket.getInputStream()) {
                    in.transferTo(java.io.OutputStream.nullOutputStream());
                } catch (Exception e) {
                    // the test is over
                }
            });
            try (ParleyClient client = ParleyClient.connect("127.0.0.1", standIn.getLocalPort())) {
                SequenceHandle handle = client.beginSequence("VOTE", "room1",
                        Json.object().put("question", "Hello?"), Duration.ofMillis(300));
                assertThatThrownBy(() -> handle.await(LONG)).isInstanceOf(ClientException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
                // the local busy state cleared with the timeout: a new vote may start
                SequenceHandle next = client.beginSequence("VOTE", "room1",
                        Json.object().put("question", "Again?"), Duration.ofMillis(300));
                assertThatThrownBy(() -> next.await(LONG)).isInstanceOf(ClientException.class);
            }
        }
    }

    @Test
    void otherActionsKeepWorkingWhileAVoteRuns() throws Exception {
        try (ParleyServer server = TestServer.start(Map.of(), Plugin.builder("test-actions").action(Nod::new).build())) {
            List<ParleyClient> m = VoteServer.members(server, "other", 2, "room1");
            try {
                SequenceHandle vote = m.get(0).beginSequence("VOTE", "room1",
                        Json.object().put("question", "Long one?"), LONG);
                assertThat(vote.ack().get().type()).isEqualTo("ACK");
                SequenceHandle nod = m.get(0).beginSequence("NOD", null, Json.object(), LONG);
                assertThat(nod.await(LONG).get("nodded").asBoolean()).isTrue();
                assertThat(vote.isDone()).isFalse();
            } finally {
                m.forEach(ParleyClient::close);
            }
        }
    }

    /** A sequence that ends as soon as it starts. */
    static final class Nod implements SequenceAction {
        @Override
        public String action() {
            return "NOD";
        }

        @Override
        public void begin(Sequence sequence, Request request) {
            sequence.complete(Json.object().put("nodded", true));
        }

        @Override
        public void onAnswer(Sequence sequence, Request answer) {
            answer.ko("nothing to answer");
        }
    }
}
