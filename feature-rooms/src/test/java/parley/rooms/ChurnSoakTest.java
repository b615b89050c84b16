package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;

/**
 * The soak: for a while (60 s by default, {@code -Dparley.soak.seconds=N} to change it), steady members
 * chat in a room while churners join, talk, leave, drop their connection, crash in the middle of a
 * frame and come back. At the end, every member connected the whole time has received every MSG the
 * server accepted (answered OK), exactly once, and all of them in the same order. Runs in every
 * {@code ./parley test}; it prints its counts.
 */
@Tag("soak")
class ChurnSoakTest {

    private static final Duration LONG = Duration.ofSeconds(60);
    private static final String ROOM = "room2";

    @Test
    void nothingAcceptedIsLostOrDuplicatedOrReorderedUnderChurn() throws Exception {
        long seconds = Long.getLong("parley.soak.seconds", 60);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        AtomicInteger sessions = new AtomicInteger();
        AtomicInteger crashes = new AtomicInteger();
        AtomicLong refusedOrLost = new AtomicLong();
        try (ParleyServer server = TestServer.start(Map.of("legacy-idle-timeout", "0"))) {
            List<ParleyClient> steady = new ArrayList<>();
            List<List<String>> received = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ParleyClient member = TestServer.loggedIn(server, "steady" + i);
                List<String> mine = new CopyOnWriteArrayList<>();
                member.onPush(m -> {
                    if ("MSG".equals(m.type()) && ROOM.equals(m.text("room"))) {
                        mine.add(m.text("msg"));
                    }
                });
                Chat.join(member, ROOM);
                steady.add(member);
                received.add(mine);
            }
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < 3; t++) { // three steady members talk, each waiting for its OK
                ParleyClient talker = steady.get(t);
                int id = t;
                workers.add(Thread.ofVirtual().start(() -> {
                    for (int n = 0; System.nanoTime() < deadline; n++) {
                        String text = "steady" + id + ":" + n;
                        Message reply = talker.call(Chat.message(talker, ROOM, text), LONG);
                        if ("OK".equals(reply.type())) {
                            accepted.add(text);
                        }
                    }
                }));
            }
            for (int c = 0; c < 4; c++) {
                int id = c;
                workers.add(Thread.ofVirtual().start(() -> churn(server, id, deadline, accepted, sessions, crashes,
                        refusedOrLost)));
            }
            for (Thread worker : workers) {
                worker.join();
            }

            // every steady member has every accepted message it did not send itself, once
            for (int i = 0; i < steady.size(); i++) {
                String own = "steady" + i + ":";
                List<String> mine = received.get(i);
                long expected = accepted.stream().filter(m -> !m.startsWith(own)).count();
                await().atMost(LONG).until(() -> mine.size() >= expected);
                Set<String> distinct = new java.util.HashSet<>(mine);
                assertThat(distinct).as("no duplicate").hasSize(mine.size());
                assertThat(distinct.containsAll(accepted.stream().filter(m -> !m.startsWith(own)).toList()))
                        .as("every accepted message it did not send").isTrue();
                assertThat(accepted.containsAll(distinct)).as("nothing that was not accepted").isTrue();
            }
            // and in one order: two members see the messages neither of them sent in the same order
            List<String> reference = received.get(steady.size() - 1); // a member that never talks
            for (int i = 0; i < steady.size() - 1; i++) {
                String own = "steady" + i + ":";
                List<String> theirs = received.get(i);
                List<String> expectedOrder = reference.stream().filter(m -> !m.startsWith(own)).toList();
                assertThat(theirs.equals(expectedOrder)).as("steady%d sees the room's one order", i).isTrue();
            }
            System.out.printf("soak: %d s, %d accepted messages reached %d steady members each, once and in one order;"
                    + " %d churning sessions, %d of them crashed mid-frame, %d churners' messages refused or lost"
                    + " with their connection%n", seconds, accepted.size(), steady.size(), sessions.get(), crashes.get(),
                    refusedOrLost.get());
            for (ParleyClient member : steady) {
                member.close();
            }
        }
    }

    /** One churner: joins, talks, then leaves one way or another, and comes back, until the deadline. */
    private static void churn(ParleyServer server, int id, long deadline, Set<String> accepted, AtomicInteger sessions,
                              AtomicInteger crashes, AtomicLong refusedOrLost) {
        Random random = new Random(id);
        for (int round = 0; System.nanoTime() < deadline; round++) {
            int way = random.nextInt(4);
            if (way == 3) { // a raw client that starts a frame and dies in the middle of it
                try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(new byte[] {0, 0, 0, 100, '{', '"', 't'});
                    out.flush();
                    crashes.incrementAndGet();
                } catch (Exception e) {
                    refusedOrLost.incrementAndGet();
                }
                continue;
            }
            sessions.incrementAndGet();
            try (ParleyClient client = TestServer.loggedIn(server, "churn" + id + "r" + round)) {
                Chat.join(client, ROOM);
                for (int n = 0; n < 1 + random.nextInt(5); n++) {
                    String text = "churn" + id + "r" + round + ":" + n;
                    Message reply = client.call(Chat.message(client, ROOM, text), LONG);
                    if ("OK".equals(reply.type())) {
                        accepted.add(text);
                    } else {
                        refusedOrLost.incrementAndGet();
                    }
                }
                if (way == 0) {
                    Chat.leave(client, ROOM);
                } else if (way == 1) {
                    Chat.logout(client);
                } // way 2: the connection just drops when the client closes
            } catch (RuntimeException | java.io.IOException e) {
                refusedOrLost.incrementAndGet();
            }
        }
    }
}
