package parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.LegacyClient;
import tools.jackson.databind.JsonNode;

/**
 * History over real sockets, with a real H2 database in a temporary data-dir: late joiners, paging,
 * refusals and limits, the legacy form, a real restart, and retention.
 */
class HistoryTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @TempDir
    Path data;

    @Test
    void aLateJoinerSeesTheLastMessagesExactlyAsTheyWerePushed() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann");
             ParleyClient cat = HistoryServer.loggedIn(server, "cat")) {
            Chat.join(ann, "room1");
            Chat.join(cat, "room1");
            List<Message> catSaw = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                Chat.say(ann, "room1", "message " + i);
                catSaw.add(cat.awaitPush("MSG", LONG));
            }
            try (ParleyClient bob = HistoryServer.loggedIn(server, "bob")) {
                Chat.join(bob, "room1");
                Message answer = bob.expect(HistoryServer.history("room1", null, null, 10), "HISTORY");
                assertThat(answer.text("room")).isEqualTo("room1");
                assertThat(answer.get("more").booleanValue()).isTrue();
                List<JsonNode> messages = answer.get("messages").valueStream().toList();
                assertThat(messages).hasSize(10);
                assertThat(messages.get(9).get("type").stringValue()).as("bob's own join is the latest").isEqualTo("JOINED");
                assertThat(messages.subList(0, 9)).as("each exactly as it was pushed")
                        .containsExactlyElementsOf(catSaw.subList(21, 30).stream().map(Message::body).toList());
                List<Long> ids = HistoryServer.ids(answer);
                assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(ids.get(0), ids.get(0) + 9).boxed().toList());

                Message latest = bob.expect(HistoryServer.history("room1", null, null, null), "HISTORY");
                assertThat(HistoryServer.ids(latest)).as("50 by default: the room has only 33 events").hasSize(33);
                assertThat(latest.get("more").booleanValue()).isFalse();
            }
        }
    }

    @Test
    void concurrentSendersGetIdsInTheOrderMembersReceiveThemAndTheLogHoldsExactlyThat() throws Exception {
        int senders = 6;
        int each = 40;
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient watcher = HistoryServer.loggedIn(server, "watcher")) {
            Chat.join(watcher, "room3");
            List<Message> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            watcher.onPush(m -> {
                if (m.has("id")) {
                    seen.add(m);
                }
            });
            List<ParleyClient> clients = new ArrayList<>();
            try {
                for (int c = 0; c < senders; c++) {
                    ParleyClient client = HistoryServer.loggedIn(server, "s" + c);
                    clients.add(client);
                    Chat.join(client, "room3");
                }
                List<Thread> threads = new ArrayList<>();
                for (ParleyClient client : clients) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < each; i++) {
                            client.request(Chat.message(client, "room3", client.pseudo() + "-" + i));
                        }
                    }));
                }
                for (Thread thread : threads) {
                    thread.join();
                }
                await().atMost(LONG).until(() -> seen.stream().filter(m -> m.type().equals("MSG")).count() == senders * each);
            } finally {
                for (ParleyClient client : clients) {
                    client.close();
                }
            }
            List<Long> received = seen.stream().map(m -> m.get("id").longValue()).toList();
            long first = received.get(0);
            assertThat(received).as("a member receives the room's ids in order, by one, with no gap")
                    .startsWith(first, first + 1, first + 2);
            List<Long> expected = LongStream.range(first, first + received.size()).boxed().toList();
            assertThat(received.subList(0, senders * each + senders)).isEqualTo(expected.subList(0, senders * each + senders));

            List<JsonNode> logged = new ArrayList<>();
            long after = first - 1;
            for (int page = 0; page < 10 && logged.size() < senders * each + senders; page++) {
                Message answer = watcher.expect(HistoryServer.history("room3", null, after, 500), "HISTORY");
                answer.get("messages").valueStream().forEach(logged::add);
                after = logged.get(logged.size() - 1).get("id").longValue();
            }
            assertThat(logged.subList(0, senders * each + senders)).as("the log holds exactly what was pushed, in order")
                    .isEqualTo(seen.subList(0, senders * each + senders).stream().map(Message::body).toList());
        }
    }

    @Test
    void pagingWithBeforeAndAfterWalksTheWholeLogWithNoGapOrDuplicate() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room2");
            for (int i = 1; i <= 23; i++) {
                Chat.say(ann, "room2", "m" + i);
            }
            // 24 events: ann's JOINED (pushed to nobody else, but a push of the room) and 23 MSGs
            List<Long> backward = new ArrayList<>();
            List<Boolean> mores = new ArrayList<>();
            Long before = null;
            while (true) {
                Message page = ann.expect(HistoryServer.history("room2", before, null, 5), "HISTORY");
                List<Long> ids = HistoryServer.ids(page);
                backward.addAll(0, ids);
                mores.add(page.get("more").booleanValue());
                if (!page.get("more").booleanValue()) {
                    break;
                }
                before = ids.get(0);
            }
            assertThat(backward).containsExactlyElementsOf(LongStream.rangeClosed(1, 24).boxed().toList());
            assertThat(mores).containsExactly(true, true, true, true, false);

            List<Long> forward = new ArrayList<>();
            mores.clear();
            long after = 0;
            while (true) {
                Message page = ann.expect(HistoryServer.history("room2", null, after, 7), "HISTORY");
                List<Long> ids = HistoryServer.ids(page);
                forward.addAll(ids);
                mores.add(page.get("more").booleanValue());
                if (!page.get("more").booleanValue()) {
                    break;
                }
                after = ids.get(ids.size() - 1);
            }
            assertThat(forward).isEqualTo(backward);
            assertThat(mores).containsExactly(true, true, true, false);

            Message between = ann.expect(HistoryServer.history("room2", 10L, 3L, 100), "HISTORY");
            assertThat(HistoryServer.ids(between)).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
            assertThat(between.get("more").booleanValue()).isFalse();
            Message empty = ann.expect(HistoryServer.history("room2", null, 24L, null), "HISTORY");
            assertThat(HistoryServer.ids(empty)).isEmpty();
            assertThat(empty.get("more").booleanValue()).isFalse();
        }
    }

    @Test
    void aNonMemberIsRefusedAndLimitsAreEnforced() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann");
             ParleyClient eve = HistoryServer.loggedIn(server, "eve")) {
            Chat.join(ann, "room1");
            Chat.say(ann, "room1", "secret");
            assertThat(reason(eve, HistoryServer.history("room1", null, null, null)))
                    .contains("you are not in room1").contains("JOIN_ROOM");
            assertThat(reason(ann, HistoryServer.history("room9", null, null, null))).contains("unknown room 'room9'");
            assertThat(reason(ann, HistoryServer.history("room1", null, null, 0))).contains("limit 0 is out of range");
            assertThat(reason(ann, HistoryServer.history("room1", null, null, 501))).contains("1 to 500");
            assertThat(reason(ann, HistoryServer.history("room1", null, null, null).put("limit", "many")))
                    .contains("'limit' must be a whole number");
            assertThat(reason(ann, HistoryServer.history("room1", -1L, null, null))).contains("give 0 or more");
            assertThat(ann.call(HistoryServer.history("room1", null, null, 500), LONG).type()).isEqualTo("HISTORY");

            Chat.leave(ann, "room1");
            assertThat(reason(ann, HistoryServer.history("room1", null, null, null))).contains("you are not in room1");
        }
    }

    @Test
    void theLegacyFormAnswersOneLinePerMessageThenOk() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann");
             LegacyClient old = new LegacyClient(server.address())) {
            Chat.join(ann, "room3");
            Chat.say(ann, "room3", "one");
            Chat.say(ann, "room3", "two \"quoted\"");
            old.ask("LOGIN \"old\"");
            assertThat(old.ask("JOIN_ROOM \"room3\"")).isEqualTo("OK");
            assertThat(old.ask("HISTORY \"room3\" \"3\"")).isEqualTo("MSG \"room3\" \"ann\" \"one\"");
            assertThat(old.read()).isEqualTo("MSG \"room3\" \"ann\" \"two \\\"quoted\\\"\"");
            assertThat(old.read()).isEqualTo("JOINED \"room3\" \"old\"");
            assertThat(old.read()).isEqualTo("OK");
            assertThat(old.ask("HISTORY \"room3\" \"0\"")).startsWith("KO \"limit 0 is out of range");
            assertThat(old.ask("HISTORY \"room1\"")).startsWith("KO \"you are not in room1");
        }
    }

    @Test
    void afterARestartTheHistoryIsStillThereAndIdsContinue() throws Exception {
        long lastId;
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room1");
            Chat.say(ann, "room1", "before the restart");
            lastId = ann.expect(Chat.message(ann, "room1", "last before"), "OK").get("id").longValue();
        }
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room1");
            Message ok = ann.expect(Chat.message(ann, "room1", "after the restart"), "OK");
            long id = ok.get("id").longValue();
            // ann's LEFT when she disconnected (if it was pushed before the server stopped), her JOINED, then this
            assertThat(id).as("ids continue after the restart").isBetween(lastId + 2, lastId + 3);
            Message answer = ann.expect(HistoryServer.history("room1", null, null, null), "HISTORY");
            assertThat(HistoryServer.ids(answer)).as("no gap, no duplicate").containsExactlyElementsOf(
                    LongStream.rangeClosed(1, id).boxed().toList());
            List<String> texts = answer.get("messages").valueStream()
                    .filter(m -> m.get("type").stringValue().equals("MSG")).map(m -> m.get("msg").stringValue()).toList();
            assertThat(texts).containsExactly("before the restart", "last before", "after the restart");
        }
    }

    @Test
    void retentionByCountDropsTheOldestAndIdsNeverRepeat() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of("history.max-messages", "5"));
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room1");
            for (int i = 1; i <= 12; i++) {
                Chat.say(ann, "room1", "m" + i);
            }
            Message answer = ann.expect(HistoryServer.history("room1", null, null, 500), "HISTORY");
            assertThat(HistoryServer.ids(answer)).containsExactly(9L, 10L, 11L, 12L, 13L);
            assertThat(answer.get("more").booleanValue()).as("nothing older is kept").isFalse();
        }
        try (ParleyServer server = HistoryServer.start(data, Map.of("history.max-messages", "5"));
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room1");
            Message answer = ann.expect(HistoryServer.history("room1", null, null, 500), "HISTORY");
            List<Long> ids = HistoryServer.ids(answer);
            long joined = ids.get(ids.size() - 1);
            assertThat(joined).as("ann's JOINED after the restart: after 13, and after her LEFT if it was logged")
                    .isBetween(14L, 15L);
            assertThat(ids).containsExactlyElementsOf(LongStream.rangeClosed(joined - 4, joined).boxed().toList());
        }
    }

    @Test
    void retentionByAgeEmptiesTheLogButIdsNeverRepeat() throws Exception {
        long lastId;
        try (ParleyServer server = HistoryServer.start(data, Map.of("history.keep-for", "1s"));
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room2");
            lastId = ann.expect(Chat.message(ann, "room2", "soon gone"), "OK").get("id").longValue();
            await().atMost(LONG).until(() ->
                    HistoryServer.ids(ann.expect(HistoryServer.history("room2", null, null, null), "HISTORY")).isEmpty());
        }
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann")) {
            Chat.join(ann, "room2");
            Message answer = ann.expect(HistoryServer.history("room2", null, null, null), "HISTORY");
            List<Long> ids = HistoryServer.ids(answer);
            assertThat(ids).as("what is kept: ann's LEFT if it was logged before the server stopped, her new JOINED")
                    .isNotEmpty().allMatch(id -> id > lastId);
            assertThat(ids.get(ids.size() - 1)).as("the join after the restart continues the ids")
                    .isBetween(lastId + 1, lastId + 2);
        }
    }

    private static String reason(ParleyClient client, Message request) {
        Message answer = client.call(request, LONG);
        assertThat(answer.type()).as("answer to %s: %s", request, answer).isEqualTo("KO");
        return answer.text("reason");
    }
}
