package parley.vote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.api.server.ParleyServer;
import parley.api.wire.Json;
import parley.rooms.api.client.Chat;
import tools.jackson.databind.node.ObjectNode;

class VoteTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = VoteServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ObjectNode question(String text, long timeoutMillis) {
        return Json.object().put("question", text).put("timeout_ms", timeoutMillis);
    }

    private static void closeAll(List<ParleyClient> clients) {
        clients.forEach(ParleyClient::close);
    }

    @Test
    void aFullVote() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "full", 4, "room1");
        try {
            ParleyClient alice = m.get(0);
            Message ack = alice.call(Message.of("BEGIN_SEQUENCE").put("seq", 101).put("action", "VOTE")
                    .put("room", "room1").put("details", question("Pizza tonight?", 20_000)), LONG);
            assertThat(ack.type()).isEqualTo("ACK");
            assertThat(ack.seq().intValue()).isEqualTo(101);
            String id = ack.text("id");

            String[] answers = {"yes", "yes", "no"};
            for (int i = 1; i <= 3; i++) {
                Message request = m.get(i).awaitPush("VOTE_REQUEST", LONG);
                assertThat(request.text("seq")).isEqualTo(id);
                assertThat(request.text("room")).isEqualTo("room1");
                assertThat(request.text("from")).isEqualTo("full0");
                assertThat(request.get("details").get("question").asString()).isEqualTo("Pizza tonight?");
                Message ok = m.get(i).call(Message.of("VOTE").put("seq", id).put("vote", answers[i - 1]), LONG);
                assertThat(ok.type()).isEqualTo("OK");
            }
            String expected = "{\"yes\":2,\"no\":1,\"missing\":0}";
            for (ParleyClient member : m) {
                Message result = member.awaitPush("SEQUENCE_RESULT", LONG);
                assertThat(result.text("seq")).isEqualTo(id);
                assertThat(result.text("room")).isEqualTo("room1");
                assertThat(result.get("result").toString()).isEqualTo(expected);
            }
            // alice sent BEGIN_SEQUENCE with call(), not begin(), so her COMPLETE arrives as a plain message
            assertThat(alice.awaitPush("COMPLETE", LONG).toString())
                    .isEqualTo("{\"type\":\"COMPLETE\",\"result\":" + expected + ",\"seq\":101}");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void theInitiatorsHandleCompletesWithTheSameResultAsTheRoom() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "handle", 3, "room2");
        try {
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room2", question("Tea?", 20_000), LONG);
            assertThat(handle.ack().get().type()).isEqualTo("ACK");
            for (int i = 1; i < 3; i++) {
                String id = m.get(i).awaitPush("VOTE_REQUEST", LONG).text("seq");
                m.get(i).expect(Message.of("VOTE").put("seq", id).put("vote", "YES"), "OK");
            }
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":2,\"no\":0,\"missing\":0}");
            assertThat(m.get(0).awaitPush("SEQUENCE_RESULT", LONG).get("result").toString())
                    .isEqualTo("{\"yes\":2,\"no\":0,\"missing\":0}");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void busyWhileAVoteRunsButChatGoesOn() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "busy", 2, "room3");
        try {
            ParleyClient alice = m.get(0);
            SequenceHandle first = alice.beginSequence("VOTE", "room3", question("One?", 20_000), LONG);
            assertThat(first.ack().get().type()).isEqualTo("ACK");
            Message second = alice.call(Message.of("BEGIN_SEQUENCE").put("seq", 555).put("action", "VOTE")
                    .put("room", "room3").put("details", question("Two?", 20_000)), LONG);
            assertThat(second.type()).isEqualTo("ERROR");
            assertThat(second.seq().intValue()).isEqualTo(555);
            assertThat(second.text("reason")).contains("busy").contains(first.seq().toString());
            Chat.say(alice, "room3", "chat still works");
            assertThat(m.get(1).awaitPush("MSG", LONG).text("msg")).isEqualTo("chat still works");
            assertThatThrownBy(() -> alice.beginSequence("VOTE", "room3", question("Three?", 1000), LONG))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("busy");
            String id = m.get(1).awaitPush("VOTE_REQUEST", LONG).text("seq");
            m.get(1).expect(Message.of("VOTE").put("seq", id).put("vote", "no"), "OK");
            first.await(LONG);
            assertThat(alice.beginSequence("VOTE", "room3", question("Now free?", 20_000), LONG).ack().get().type())
                    .isEqualTo("ACK");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void deadlineEndsTheVoteWithTheMissingCounted() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "late", 4, "room1");
        try {
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room1", question("Quick?", 600), LONG);
            String id = m.get(1).awaitPush("VOTE_REQUEST", LONG).text("seq");
            m.get(1).expect(Message.of("VOTE").put("seq", id).put("vote", "yes"), "OK");
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":1,\"no\":0,\"missing\":2}");
            Message late = m.get(2).call(Message.of("VOTE").put("seq", id).put("vote", "no"), LONG);
            assertThat(late.type()).isEqualTo("KO");
            assertThat(late.text("reason")).contains("unknown or already closed");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void initiatorDisconnectingCancelsTheVote() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "gone", 3, "room2");
        try {
            m.get(0).beginSequence("VOTE", "room2", question("Stay?", 20_000), LONG).ack().get();
            m.get(1).awaitPush("VOTE_REQUEST", LONG);
            m.get(0).close();
            for (int i = 1; i < 3; i++) {
                Message result = m.get(i).awaitPush("SEQUENCE_RESULT", LONG);
                assertThat(result.body().get("cancelled").asBoolean()).isTrue();
                assertThat(result.get("result").get("cancelled").asBoolean()).isTrue();
                assertThat(result.text("reason")).contains("initiator");
            }
        } finally {
            closeAll(m);
        }
    }

    @Test
    void initiatorLeavingTheRoomCancelsTheVoteAndGetsError() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "leave", 2, "room3");
        try {
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room3", question("Leave?", 20_000), LONG);
            handle.ack().get();
            Chat.leave(m.get(0), "room3");
            assertThatThrownBy(() -> handle.await(LONG)).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("cancelled").hasMessageContaining("left room3");
            assertThat(m.get(1).awaitPush("SEQUENCE_RESULT", LONG).body().get("cancelled").asBoolean()).isTrue();
        } finally {
            closeAll(m);
        }
    }

    @Test
    void aVoterDisconnectingCountsAsMissingAndCanEndTheVote() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "drop", 3, "room1");
        try {
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room1", question("Drop?", 20_000), LONG);
            String id = m.get(1).awaitPush("VOTE_REQUEST", LONG).text("seq");
            m.get(2).awaitPush("VOTE_REQUEST", LONG);
            m.get(1).expect(Message.of("VOTE").put("seq", id).put("vote", "no"), "OK");
            m.get(2).close(); // the last one who could vote is gone: the vote ends now, not at the deadline
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":0,\"no\":1,\"missing\":1}");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void duplicateForeignAndInvalidVotesGetKo() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "dup", 3, "room2");
        try (ParleyClient outsider = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            outsider.login("dup-outsider");
            Chat.join(outsider, "room1");
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room2", question("Dup?", 20_000), LONG);
            String id = m.get(1).awaitPush("VOTE_REQUEST", LONG).text("seq");
            m.get(1).expect(Message.of("VOTE").put("seq", id).put("vote", "yes"), "OK");
            assertThat(reason(m.get(1), Message.of("VOTE").put("seq", id).put("vote", "no"))).contains("already voted");
            assertThat(reason(outsider, Message.of("VOTE").put("seq", id).put("vote", "no"))).contains("not in room2");
            assertThat(reason(m.get(0), Message.of("VOTE").put("seq", id).put("vote", "no"))).contains("you started it");
            assertThat(reason(m.get(2), Message.of("VOTE").put("seq", id).put("vote", "maybe"))).contains("yes, no");
            assertThat(reason(m.get(2), Message.of("VOTE").put("seq", "s-999999").put("vote", "no"))).contains("unknown");
            m.get(2).expect(Message.of("VOTE").put("seq", id).put("vote", "no"), "OK");
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":1,\"no\":1,\"missing\":0}");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void twoUsersWithTheSameSeqRunTwoVotesInOneRoom() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "same", 3, "room3");
        try {
            Message startA = Message.of("BEGIN_SEQUENCE").put("seq", 101).put("action", "VOTE").put("room", "room3")
                    .put("details", question("From A?", 20_000));
            Message startB = Message.of("BEGIN_SEQUENCE").put("seq", 101).put("action", "VOTE").put("room", "room3")
                    .put("details", question("From B?", 20_000));
            SequenceHandle a = m.get(0).begin(startA, "VOTE", "", LONG);
            SequenceHandle b = m.get(1).begin(startB, "VOTE", "", LONG);
            String idA = a.ack().get().text("id");
            String idB = b.ack().get().text("id");
            assertThat(idA).isNotEqualTo(idB);
            // each voter first gets the vote's VOTE_REQUEST, as a real client does: that push carries the
            // vote's id as its seq, the same seq as the VOTE that answers it, so a VOTE sent before it
            // came would take the push for its own answer
            awaitRequest(m.get(2), idA);
            awaitRequest(m.get(2), idB);
            awaitRequest(m.get(1), idA);
            awaitRequest(m.get(0), idB);
            // the third member answers both; each answer reaches the right vote
            m.get(2).expect(Message.of("VOTE").put("seq", idA).put("vote", "yes"), "OK");
            m.get(2).expect(Message.of("VOTE").put("seq", idB).put("vote", "no"), "OK");
            m.get(1).expect(Message.of("VOTE").put("seq", idA).put("vote", "yes"), "OK");
            m.get(0).expect(Message.of("VOTE").put("seq", idB).put("vote", "no"), "OK");
            assertThat(a.await(LONG).toString()).isEqualTo("{\"yes\":2,\"no\":0,\"missing\":0}");
            assertThat(b.await(LONG).toString()).isEqualTo("{\"yes\":0,\"no\":2,\"missing\":0}");
        } finally {
            closeAll(m);
        }
    }

    /** Waits until {@code member} got the VOTE_REQUEST of vote {@code id}. */
    private static void awaitRequest(ParleyClient member, String id) {
        member.awaitPush(push -> "VOTE_REQUEST".equals(push.type()) && id.equals(push.text("seq")), LONG);
    }

    @Test
    void fiftyMembersVotingAtOnceGiveAnExactTally() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "many", 51, "room1");
        try {
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room1", question("Fifty?", 60_000), LONG);
            handle.ack().get();
            List<Thread> voters = new java.util.ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                ParleyClient voter = m.get(i);
                String vote = i % 3 == 0 ? "no" : "yes";
                voters.add(Thread.ofVirtual().start(() -> {
                    String id = voter.awaitPush("VOTE_REQUEST", LONG).text("seq");
                    voter.expect(Message.of("VOTE").put("seq", id).put("vote", vote), "OK");
                }));
            }
            for (Thread voter : voters) {
                voter.join();
            }
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":34,\"no\":16,\"missing\":0}");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void multipleChoice() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "multi", 3, "room2");
        try {
            ObjectNode details = question("Where?", 20_000);
            details.putArray("options").add("Pizza").add("Sushi").add("Tacos");
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room2", details, LONG);
            for (int i = 1; i < 3; i++) {
                Message request = m.get(i).awaitPush("VOTE_REQUEST", LONG);
                assertThat(request.get("details").get("options").toString()).isEqualTo("[\"Pizza\",\"Sushi\",\"Tacos\"]");
                m.get(i).expect(Message.of("VOTE").put("seq", request.text("seq")).put("vote", "sushi"), "OK");
            }
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"Pizza\":0,\"Sushi\":2,\"Tacos\":0,\"missing\":0}");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void refusalsBeforeTheAck() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "refuse", 1, "room1");
        try (ParleyClient other = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            other.login("refuse-other");
            ParleyClient alice = m.get(0);
            assertThat(error(alice, Message.of("BEGIN_SEQUENCE").put("seq", 1).put("action", "VOTE").put("room", "room2")
                    .put("details", question("Not a member?", 1000)))).contains("not in room2");
            assertThat(error(alice, Message.of("BEGIN_SEQUENCE").put("seq", 2).put("action", "VOTE").put("room", "room1")
                    .put("details", Json.object()))).contains("details.question");
            assertThat(error(alice, Message.of("BEGIN_SEQUENCE").put("seq", 3).put("action", "VOTE").put("room", "room1")
                    .put("details", question("Bad timeout", -5)))).contains("timeout_ms");
            ObjectNode oneOption = question("One option?", 1000);
            oneOption.putArray("options").add("only");
            assertThat(error(alice, Message.of("BEGIN_SEQUENCE").put("seq", 4).put("action", "VOTE").put("room", "room1")
                    .put("details", oneOption))).contains("2 to 10 choices");
            alice.send(Message.of("BEGIN_SEQUENCE").put("action", "VOTE").put("room", "room1")
                    .put("details", question("No seq", 1000))); // send(), not call(): call() would add a seq
            assertThat(alice.awaitPush("ERROR", LONG).text("reason")).contains("needs a \"seq\"");
            assertThat(error(alice, Message.of("BEGIN_SEQUENCE").put("seq", 5).put("action", "DANCE").put("room", "room1")))
                    .contains("unknown sequence action 'DANCE'").contains("VOTE");
            // none of those left alice busy
            assertThat(alice.call(Message.of("BEGIN_SEQUENCE").put("seq", 6).put("action", "VOTE").put("room", "room1")
                    .put("details", question("Alone?", 1000)), LONG).type()).isEqualTo("ACK");
        } finally {
            closeAll(m);
        }
    }

    @Test
    void aVoteWithNobodyToAskCompletesRightAfterItsAck() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "alone", 1, "room3");
        try {
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room3", question("Anyone?", 20_000), LONG);
            assertThat(handle.ack().get().type()).isEqualTo("ACK");
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":0,\"no\":0,\"missing\":0}");
        } finally {
            closeAll(m);
        }
    }

    private static String reason(ParleyClient client, Message request) {
        Message reply = client.call(request, LONG);
        assertThat(reply.type()).isEqualTo("KO");
        return reply.text("reason");
    }

    private static String error(ParleyClient client, Message request) {
        Message reply = client.call(request, LONG);
        assertThat(reply.type()).as(reply.toString()).isEqualTo("ERROR");
        return reply.text("reason");
    }

    @Test
    void legacyMembersAreNotAskedCountAsMissingAndSeeTheResult() throws Exception {
        List<ParleyClient> m = VoteServer.members(server, "mixed", 2, "room2");
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout(30_000);
            var out = socket.getOutputStream();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8));
            out.write("LOGIN \"mixed-legacy\"\nJOIN_ROOM \"room2\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("DISPLAY_ROOM");
            assertThat(in.readLine()).isEqualTo("OK");
            SequenceHandle handle = m.get(0).beginSequence("VOTE", "room2", question("Legacy?", 20_000), LONG);
            String id = m.get(1).awaitPush("VOTE_REQUEST", LONG).text("seq");
            m.get(1).expect(Message.of("VOTE").put("seq", id).put("vote", "yes"), "OK");
            // the legacy member cannot vote, so it does not hold the vote open
            assertThat(handle.await(LONG).toString()).isEqualTo("{\"yes\":1,\"no\":0,\"missing\":1}");
            assertThat(in.readLine()).isEqualTo("SEQUENCE_RESULT \"room2\" \"{\\\"yes\\\":1,\\\"no\\\":0,\\\"missing\\\":1}\"");
        } finally {
            closeAll(m);
        }
    }
}
