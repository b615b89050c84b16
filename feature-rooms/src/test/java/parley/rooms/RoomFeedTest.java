package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.rooms.api.client.RoomFeed;

/** The client's one decision of what to show: each room event once, history and live merged by id. */
class RoomFeedTest {

    private static Message msg(long id) {
        return Message.of("MSG").put("room", "room1").put("pseudo", "bob").put("msg", "m" + id).put("id", id);
    }

    private static List<Long> ids(List<Message> messages) {
        return messages.stream().map(RoomFeed::id).toList();
    }

    @Test
    void liveOnceEachInOrder() {
        RoomFeed feed = new RoomFeed();
        assertThat(feed.live(msg(5))).isTrue();
        assertThat(feed.live(msg(5))).isFalse();
        assertThat(feed.live(msg(4))).as("older than what was shown: a repeat").isFalse();
        assertThat(feed.live(msg(6))).isTrue();
        assertThat(feed.live(Message.of("MSG").put("room", "room1"))).as("no id: always shown").isTrue();
    }

    @Test
    void historyAndLivePushesThatOverlapMergeOnceEachInIdOrder() {
        RoomFeed feed = new RoomFeed();
        feed.live(msg(3));
        feed.hold("room1");
        assertThat(feed.live(msg(7))).as("held").isFalse();
        assertThat(feed.live(msg(8))).isFalse();
        List<Message> shown = feed.release("room1", List.of(msg(2), msg(3), msg(4), msg(5), msg(6), msg(7)));
        assertThat(ids(shown)).as("2 was never shown: it is now, in id order; 3 was").containsExactly(2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(feed.live(msg(8))).isFalse();
        assertThat(feed.live(msg(9))).isTrue();
        assertThat(feed.lastShown("room1")).isEqualTo(9);
    }

    @Test
    void theClientsOwnMessageMayComeBackLateButNeverTwice() {
        RoomFeed feed = new RoomFeed();
        feed.live(msg(10));
        feed.live(msg(12)); // 11 is ours: its OK is read after 12 came
        assertThat(feed.mine(msg(11))).isTrue();
        assertThat(feed.mine(msg(11))).isFalse();
        assertThat(ids(feed.release("room1", List.of(msg(10), msg(11), msg(12), msg(13))))).containsExactly(13L);
    }

    @Test
    void skippedEventsAreNeverShownButMarkWhereToCatchUpFrom() {
        RoomFeed feed = new RoomFeed();
        feed.hold("room1");
        feed.live(msg(21));
        feed.skipTo("room1", 20);
        assertThat(ids(feed.release("room1", List.of()))).containsExactly(21L);
        assertThat(ids(feed.release("room1", List.of(msg(19), msg(20), msg(22))))).containsExactly(22L);
        assertThat(feed.lastShown()).containsEntry("room1", 22L);
    }
}
