package parley.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.server.ParleyServer;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.History;
import parley.rooms.api.client.RoomFeed;

/**
 * A member whose connection drops mid-conversation ends with exactly what every other member has, in
 * the same order, once each: by resuming (same server) or by a plain LOGIN and JOIN_ROOM (after a
 * restart, which forgets resume tokens), then HISTORY after the last id it showed.
 */
class ResumeHistoryTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final List<String> ROOMS = List.of("room1", "room2");

    @TempDir
    Path data;

    /** A client that shows each room event once, in id order: its log is what it showed. */
    private static final class Follower {
        final String pseudo;
        final RoomFeed feed = new RoomFeed();
        final List<Message> shown = new CopyOnWriteArrayList<>();
        ParleyClient client;

        Follower(String pseudo) {
            this.pseudo = pseudo;
        }

        ParleyClient connect(ParleyServer server) throws IOException {
            client = ParleyClient.connect("127.0.0.1", server.address().getPort());
            client.onPush(push -> {
                if (feed.live(push)) {
                    shown.add(push);
                }
            });
            return client;
        }

        void loginAndJoin(ParleyServer server) throws IOException {
            connect(server).login(pseudo);
            for (String room : ROOMS) {
                feed.hold(room);
                Chat.join(client, room);
                shown.addAll(feed.release(room, History.latest(client, room, 50)));
            }
        }

        void say(String room, String text) {
            Message ok = client.expect(Chat.message(client, room, text), "OK");
            Message mine = Message.of("MSG").put("room", room).put("pseudo", pseudo).put("msg", text)
                    .put("id", ok.get("id").longValue()).put("time", ok.text("time"));
            if (feed.mine(mine)) {
                shown.add(mine);
            }
        }

        /** Comes back: resumes if the server still has it, else logs in and joins again; then catches up. */
        boolean comeBack(ParleyServer server, String token) throws IOException {
            ROOMS.forEach(feed::hold);
            connect(server);
            boolean resumed;
            try {
                Message answer = client.resume(pseudo, token);
                resumed = true;
                assertThat(answer.get("memberships").valueStream().map(m -> m.get("room").stringValue()).toList())
                        .containsExactlyElementsOf(ROOMS);
            } catch (RefusedException e) {
                resumed = false;
                client.login(pseudo);
                ROOMS.forEach(room -> Chat.join(client, room));
            }
            for (String room : ROOMS) {
                shown.addAll(feed.release(room, History.after(client, room, Math.max(0, feed.lastShown(room)), 100_000)));
            }
            return resumed;
        }

        /**
         * What it showed of a room's messages (id, pseudo, text) in the room's order, which is the ids'
         * (its own messages, shown when their OK comes back, may come a little after later pushes).
         */
        List<String> messages(String room) {
            return shown.stream().filter(m -> m.type().equals("MSG") && room.equals(m.text("room")))
                    .sorted(Comparator.comparingLong(RoomFeed::id))
                    .map(m -> m.get("id").longValue() + " " + m.text("pseudo") + ": " + m.text("msg")).toList();
        }

        /** How many times it showed each message: once, or the list has a repeat. */
        long shownCount(String room) {
            return shown.stream().filter(m -> m.type().equals("MSG") && room.equals(m.text("room"))).count();
        }
    }

    @Test
    void aDroppedMemberResumesAndEndsWithExactlyWhatTheOthersHave() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of())) {
            conversationWithADrop(server, () -> server, true);
        }
    }

    @Test
    void acrossARestartTheClientLogsInAgainAndCatchesUpFromTheLog() throws Exception {
        ParleyServer[] current = {HistoryServer.start(data, Map.of())};
        try {
            Follower alice = new Follower("alice");
            Follower bob = new Follower("bob");
            alice.loginAndJoin(current[0]);
            bob.loginAndJoin(current[0]);
            for (int i = 0; i < 20; i++) {
                bob.say(ROOMS.get(i % 2), "before " + i);
            }
            await().atMost(LONG).until(() -> alice.messages("room2").size() == 10);
            String token = alice.client.resumeToken();
            current[0].close(); // SHUTDOWN to all; the log is flushed
            current[0] = HistoryServer.start(data, Map.of());
            bob.client.close();
            bob.connect(current[0]).login("bob");
            ROOMS.forEach(room -> Chat.join(bob.client, room));
            for (int i = 0; i < 20; i++) {
                bob.say(ROOMS.get(i % 2), "after " + i); // alice is not back yet
            }
            assertThat(alice.comeBack(current[0], token)).as("a restart forgets tokens: a plain login").isFalse();
            for (String room : ROOMS) {
                List<String> mine = alice.messages(room);
                assertThat(mine).hasSize(20).doesNotHaveDuplicates();
                assertThat(mine).isSortedAccordingTo(Comparator.comparingLong(ResumeHistoryTest::idOf));
                assertThat(mine.stream().filter(m -> m.contains("after")).count()).isEqualTo(10);
            }
        } finally {
            current[0].close();
        }
    }

    private interface ServerNow {
        ParleyServer get();
    }

    /** bob and carol talk in two rooms; alice's socket is killed midway; she comes back and catches up. */
    private void conversationWithADrop(ParleyServer server, ServerNow now, boolean expectResume) throws Exception {
        Follower alice = new Follower("alice");
        Follower bob = new Follower("bob");
        Follower carol = new Follower("carol");
        for (Follower f : List.of(alice, bob, carol)) {
            f.loginAndJoin(server);
        }
        CountDownLatch midway = new CountDownLatch(1);
        CountDownLatch back = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> talkers = new ArrayList<>();
        for (Follower talker : List.of(bob, carol)) {
            talkers.add(Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 300; i++) {
                        talker.say(ROOMS.get(i % 2), talker.pseudo + " " + i);
                        if (i == 100) {
                            midway.countDown();
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        assertThat(midway.await(LONG.toSeconds(), TimeUnit.SECONDS)).isTrue();
        String token = alice.client.resumeToken();
        alice.client.close(); // the socket goes mid-conversation, no BYE
        assertThat(alice.comeBack(now.get(), token)).isEqualTo(expectResume);
        alice.say("room1", "back");
        back.countDown();
        for (Thread t : talkers) {
            t.join(LONG.toMillis());
        }
        assertThat(failures).isEmpty();
        for (String room : ROOMS) {
            await().atMost(LONG).untilAsserted(() -> {
                assertThat(bob.messages(room)).isEqualTo(carol.messages(room));
                assertThat(alice.messages(room)).isEqualTo(carol.messages(room));
            });
            List<String> everyone = carol.messages(room);
            assertThat(alice.shownCount(room)).as("alice showed each once").isEqualTo(everyone.size());
            assertThat(everyone).as("in id order, once each").doesNotHaveDuplicates()
                    .isSortedAccordingTo(Comparator.comparingLong(ResumeHistoryTest::idOf));
            assertThat(everyone.size()).isEqualTo(300 + (room.equals("room1") ? 1 : 0));
        }
        for (Follower f : List.of(alice, bob, carol)) {
            f.client.close();
        }
    }

    private static long idOf(String line) {
        return Long.parseLong(line.substring(0, line.indexOf(' ')));
    }

    @Test
    void aStolenTokenIsRefusedWhileItsOwnerIsConnected() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of());
             ParleyClient alice = HistoryServer.loggedIn(server, "alice");
             ParleyClient thief = ParleyClient.connect("127.0.0.1", server.address().getPort())) {
            Chat.join(alice, "room1");
            assertThatThrownBy(() -> thief.resume("alice", alice.resumeToken())).isInstanceOf(RefusedException.class)
                    .hasMessageContaining("still connected");
            Chat.say(alice, "room1", "still here");
            assertThatThrownBy(() -> History.latest(thief, "room1", 10)).isInstanceOf(RuntimeException.class);
        }
    }
}
