package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;
import parley.testkit.LegacyClient;

/** Many clients in one room: nothing lost, one order for everybody, slow members don't hold others up. */
class RoomLoadTest {

    private static final Duration LONG = Duration.ofSeconds(120);

    /** What one member received, as sender * PER_CLIENT + index, in arrival order. */
    private static final class Inbox {
        private final int[] codes;
        private final AtomicInteger count = new AtomicInteger();

        Inbox(int capacity) {
            codes = new int[capacity];
        }

        synchronized void add(int code) {
            if (count.get() < codes.length) {
                codes[count.get()] = code;
            }
            count.incrementAndGet();
        }

        synchronized List<Integer> without(int sender, int perClient) {
            List<Integer> out = new ArrayList<>(codes.length);
            for (int i = 0; i < Math.min(count.get(), codes.length); i++) {
                if (codes[i] / perClient != sender) {
                    out.add(codes[i]);
                }
            }
            return out;
        }
    }

    @Test
    void twoHundredClientsFiftyMessagesEachEveryoneGetsEverythingInOneOrder() throws Exception {
        int clients = 200;
        int perClient = 50;
        int expected = (clients - 1) * perClient;
        try (ParleyServer server = TestServer.start()) {
            List<ParleyClient> all = new ArrayList<>();
            List<Inbox> inboxes = new ArrayList<>();
            try {
                for (int c = 0; c < clients; c++) {
                    ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort(),
                            ParleyClient.Options.defaults().withPushQueueCapacity(0));
                    Inbox inbox = new Inbox(expected);
                    client.onPush(m -> {
                        if ("MSG".equals(m.type())) {
                            inbox.add(Integer.parseInt(m.text("msg")));
                        }
                    });
                    client.login("load" + c);
                    Chat.join(client, "room1");
                    all.add(client);
                    inboxes.add(inbox);
                }
                List<CompletableFuture<Message>> acks = new ArrayList<>();
                List<Thread> senders = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    ParleyClient client = all.get(c);
                    int sender = c;
                    senders.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < perClient; i++) {
                            CompletableFuture<Message> ack = client.request(Chat.message(client, "room1",
                                    Integer.toString(sender * perClient + i)));
                            synchronized (acks) {
                                acks.add(ack);
                            }
                        }
                    }));
                }
                for (Thread t : senders) {
                    t.join();
                }
                for (CompletableFuture<Message> ack : acks) {
                    assertThat(ack.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).type()).isEqualTo("OK");
                }
                await().atMost(LONG).until(() -> inboxes.stream().allMatch(i -> i.count.get() >= expected));

                for (int c = 0; c < clients; c++) {
                    Inbox inbox = inboxes.get(c);
                    assertThat(inbox.count.get()).as("messages received by client %d", c).isEqualTo(expected);
                    List<Integer> got = inbox.without(c, perClient);
                    assertThat(got).as("client %d never receives its own messages", c).hasSize(expected);
                    assertThat(new java.util.HashSet<>(got)).as("no duplicates at client %d", c).hasSize(expected);
                }
                // One order for everybody: each member's view, minus a reference member's own messages,
                // equals the reference's view minus that member's messages (three references cover every pair).
                for (int ref = 0; ref < 3; ref++) {
                    for (int c = 0; c < clients; c++) {
                        if (c != ref) {
                            assertThat(inboxes.get(c).without(ref, perClient))
                                    .as("order seen by client %d against client %d", c, ref)
                                    .isEqualTo(inboxes.get(ref).without(c, perClient));
                        }
                    }
                }
            } finally {
                all.forEach(ParleyClient::close);
            }
        }
    }

    /**
     * Messages take their ids under the room's lock, joins and leaves before it: while six members talk
     * at once and others come and go, every watcher sees every push after its own join, ids one after
     * the other with no gap, the same sequence for all.
     */
    @Test
    void idsGoOutOneAfterTheOtherWhileMembersTalkAndComeAndGo() throws Exception {
        int talkers = 6;
        int perTalker = 100;
        int churns = 20;
        try (ParleyServer server = TestServer.start()) {
            int port = server.address().getPort();
            List<ParleyClient> all = new ArrayList<>();
            List<List<Long>> seen = new ArrayList<>();
            try {
                for (int w = 0; w < 3; w++) {
                    ParleyClient watcher = ParleyClient.connect("127.0.0.1", port,
                            ParleyClient.Options.defaults().withPushQueueCapacity(0));
                    List<Long> ids = java.util.Collections.synchronizedList(new ArrayList<>());
                    watcher.onPush(m -> {
                        if ("room1".equals(m.text("room")) && m.number("id", -1) >= 0) {
                            ids.add(m.number("id", -1));
                        }
                    });
                    watcher.login("watcher" + w);
                    Chat.join(watcher, "room1");
                    all.add(watcher);
                    seen.add(ids);
                }
                List<ParleyClient> talking = new ArrayList<>();
                for (int t = 0; t < talkers; t++) {
                    ParleyClient talker = ParleyClient.connect("127.0.0.1", port);
                    talker.login("talker" + t);
                    Chat.join(talker, "room1");
                    all.add(talker);
                    talking.add(talker);
                }
                List<CompletableFuture<Message>> acks = java.util.Collections.synchronizedList(new ArrayList<>());
                List<Thread> threads = new ArrayList<>();
                for (ParleyClient talker : talking) {
                    threads.add(Thread.ofVirtual().start(() -> {
                        for (int i = 0; i < perTalker; i++) {
                            acks.add(talker.request(Chat.message(talker, "room1", "m" + i)));
                        }
                    }));
                }
                threads.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < churns; i++) {
                        try (ParleyClient churner = ParleyClient.connect("127.0.0.1", port)) {
                            churner.login("churner" + i);
                            Chat.join(churner, "room1");
                            Chat.leave(churner, "room1"); // a close alone would keep its place for a resume
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }));
                for (Thread thread : threads) {
                    thread.join();
                }
                for (CompletableFuture<Message> ack : acks) {
                    assertThat(ack.get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).type()).isEqualTo("OK");
                }
                // a last message once all is said: every watcher has everything when it has this one
                long last = talking.get(0).request(Chat.message(talking.get(0), "room1", "last"))
                        .get(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS).number("id", -1);
                assertThat(last).isPositive();
                await().atMost(LONG).until(() -> seen.stream().allMatch(ids -> ids.contains(last)));

                for (int w = 0; w < seen.size(); w++) {
                    List<Long> ids = List.copyOf(seen.get(w));
                    assertThat(ids.getLast()).as("watcher %d's last id", w).isEqualTo(last);
                    for (int i = 1; i < ids.size(); i++) {
                        assertThat(ids.get(i)).as("watcher %d, push %d after id %d", w, i, ids.get(i - 1))
                                .isEqualTo(ids.get(i - 1) + 1);
                    }
                    // from the last watcher's join on, all three saw the same pushes
                    assertThat(ids).as("watcher %d", w).endsWith(List.copyOf(seen.get(2)).toArray(Long[]::new));
                }
                assertThat(seen.get(2)).as("the last watcher saw every join, message and leave after its own")
                        .hasSize(talkers + talkers * perTalker + 2 * churns + 1);
            } finally {
                all.forEach(ParleyClient::close);
            }
        }
    }

    @Test
    void memberThatNeverReadsDoesNotHoldUpTheOthers() throws Exception {
        int messages = 20_000;
        int window = 200;
        String filler = "z".repeat(500); // 10 MB in all: far more than the stuck member can buffer
        try (ParleyServer server = TestServer.start(Map.of("outbound-queue-bytes", "256KiB"));
             LegacyClient stuck = new LegacyClient(server.address())) {
            assertThat(stuck.ask("LOGIN \"stuck\"")).startsWith("DISPLAY_ROOM");
            assertThat(stuck.ask("JOIN_ROOM \"room1\"")).isEqualTo("OK"); // and from now on it never reads

            List<ParleyClient> talkers = new ArrayList<>();
            List<AtomicInteger> received = new ArrayList<>();
            List<List<Message>> lefts = new ArrayList<>();
            try {
                for (int c = 0; c < 3; c++) {
                    ParleyClient client = ParleyClient.connect("127.0.0.1", server.address().getPort(),
                            ParleyClient.Options.defaults().withPushQueueCapacity(0));
                    AtomicInteger count = new AtomicInteger();
                    List<Message> left = java.util.Collections.synchronizedList(new ArrayList<>());
                    client.onPush(m -> {
                        if ("MSG".equals(m.type())) {
                            count.incrementAndGet();
                        } else if ("LEFT".equals(m.type())) {
                            left.add(m);
                        }
                    });
                    client.login("talker" + c);
                    Chat.join(client, "room1");
                    talkers.add(client);
                    received.add(count);
                    lefts.add(left);
                }
                int[] sentBy = new int[3];
                for (int i = 0; i < messages; i++) {
                    int from = i % 3;
                    ParleyClient talker = talkers.get(from);
                    talker.request(Chat.message(talker, "room1", i + filler));
                    sentBy[from]++;
                    if ((i + 1) % window == 0) {
                        await().atMost(LONG).until(() -> everyoneHasAll(received, sentBy));
                    }
                }
                await().atMost(LONG).until(() -> everyoneHasAll(received, sentBy));
                for (int c = 0; c < 3; c++) {
                    assertThat(received.get(c).get()).isEqualTo(messages - sentBy[c]);
                    assertThat(talkers.get(c).isOpen()).isTrue();
                }
                for (List<Message> left : lefts) {
                    await().atMost(LONG).until(() -> !left.isEmpty());
                    assertThat(left.get(0).text("pseudo")).isEqualTo("stuck");
                    assertThat(left.get(0).text("reason")).contains("outbound queue overflow");
                }
            } finally {
                talkers.forEach(ParleyClient::close);
            }
        }
    }

    private static boolean everyoneHasAll(List<AtomicInteger> received, int[] sentBy) {
        int total = sentBy[0] + sentBy[1] + sentBy[2];
        for (int c = 0; c < 3; c++) {
            if (received.get(c).get() < total - sentBy[c]) {
                return false;
            }
        }
        return true;
    }
}
