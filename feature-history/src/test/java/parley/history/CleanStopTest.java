package parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.History;

/**
 * A clean stop while people are talking: every id any client was handed is in the log, with what it
 * was handed, and the ids after the restart go on above all of them (none handed out twice).
 */
class CleanStopTest {

    @TempDir
    Path data;

    @Test
    void everyIdHandedOutBeforeTheStopIsLoggedAndNoneComesAgain() throws Exception {
        ParleyServer server = HistoryServer.start(data, Map.of());
        Map<Long, String> handed = new ConcurrentSkipListMap<>(); // id -> "pseudo: text" or the event type
        List<ParleyClient> clients = new ArrayList<>();
        CountDownLatch talking = new CountDownLatch(3);
        List<Thread> talkers = new ArrayList<>();
        try {
            ParleyClient watcher = HistoryServer.loggedIn(server, "watcher");
            Chat.join(watcher, "room1");
            watcher.onPush(p -> {
                if ("room1".equals(p.text("room")) && p.has("id")) {
                    handed.put(p.get("id").longValue(), describe(p));
                }
            });
            clients.add(watcher);
            for (String pseudo : List.of("ann", "ben", "cid")) {
                ParleyClient client = HistoryServer.loggedIn(server, pseudo);
                Chat.join(client, "room1");
                clients.add(client);
                talkers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; ; i++) {
                        Message ok;
                        try {
                            ok = client.call(Chat.message(client, "room1", pseudo + " " + i), Duration.ofSeconds(10));
                        } catch (RuntimeException e) {
                            return; // the server went
                        }
                        if (!"OK".equals(ok.type())) {
                            return; // ERROR: shutting down
                        }
                        handed.put(ok.get("id").longValue(), pseudo + ": " + pseudo + " " + i);
                        if (i == 20) {
                            talking.countDown();
                        }
                    }
                }));
            }
            assertThat(talking.await(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            server.close(); // while they talk
        }
        for (Thread t : talkers) {
            t.join(Duration.ofSeconds(30));
        }
        clients.forEach(ParleyClient::close);
        assertThat(handed).hasSizeGreaterThan(60);

        try (ParleyServer again = HistoryServer.start(data, Map.of());
             ParleyClient reader = HistoryServer.loggedIn(again, "reader")) {
            Chat.join(reader, "room1");
            Map<Long, String> logged = new TreeMap<>();
            History.after(reader, "room1", 0, 100_000).forEach(m -> logged.put(m.get("id").longValue(), describe(m)));
            assertThat(logged).as("every id handed out before the stop, logged as it was handed").containsAllEntriesOf(handed);
            long lastHanded = ((ConcurrentSkipListMap<Long, String>) handed).lastKey();
            long next = reader.expect(Chat.message(reader, "room1", "after the restart"), "OK").get("id").longValue();
            assertThat(next).as("ids go on above every id handed out: none comes twice").isGreaterThan(lastHanded);
            assertThat(logged.keySet()).as("no gap in the log").containsExactlyElementsOf(
                    java.util.stream.LongStream.rangeClosed(1, next - 1).boxed().toList());
        }
    }

    private static String describe(Message m) {
        return "MSG".equals(m.type()) ? m.text("pseudo") + ": " + m.text("msg") : m.type() + " " + m.text("pseudo");
    }
}
