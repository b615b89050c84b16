package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.PayloadForm;
import parley.api.Session;
import parley.api.wire.WireCodec;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDelivery;

/**
 * One room's order, with the timing forced: a join takes its id before the room's lock, and a message
 * sent while that join is still on its way to the lock takes the next id under it, so it must wait
 * for the join to go out first.
 */
class RoomOrderTest {

    private static final WireCodec CODEC = new WireCodec(1 << 20, type -> null);

    /** A session that is only a key and a JSON form: the room's delivery below records, it sends nothing. */
    private static Session session(String name) {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "form" -> PayloadForm.JSON;
                    case "pseudo", "toString" -> name;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aMessageSentWhileAJoinIsOnItsWayGoesOutAfterTheJoin() throws Exception {
        CountDownLatch joinEncoding = new CountDownLatch(1);
        CountDownLatch releaseJoin = new CountDownLatch(1);
        Room room = new Room("r", new CopyOnWriteArrayList<>(), (json, line) -> {
            if ("JOINED".equals(json.type()) && "late".equals(json.text("pseudo"))) {
                joinEncoding.countDown(); // the join has its id and is encoding, before the lock
                await(releaseJoin);
            }
            return new Outbound(json, line, CODEC);
        }, () -> 0L, Clock.systemUTC());
        List<String> out = new CopyOnWriteArrayList<>();
        RoomDelivery recording = (name, members, message, except) ->
                out.add(message.message().type() + " " + message.message().number("id", -1));
        List<RuntimeException> failures = new ArrayList<>();

        Member alice = new Member("alice", session("alice"));
        assertThat(room.join(alice, Message.of("JOINED").put("room", "r").put("pseudo", "alice"), recording, failures))
                .isNotNull();
        Thread join = Thread.ofVirtual().start(() -> room.join(new Member("late", session("late")),
                Message.of("JOINED").put("room", "r").put("pseudo", "late"), recording, new ArrayList<>()));
        await(joinEncoding);
        Thread message = Thread.ofVirtual().start(() -> room.broadcast(
                Message.of("MSG").put("room", "r").put("pseudo", "alice").put("msg", "hi"),
                Message.of("MSG").put("room", "r").put("pseudo", "alice").put("msg", "hi"), alice.session(), recording,
                new ArrayList<>()));
        // the message has its id now and waits for its turn (or, were the order broken, went out already)
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                message.getState() == Thread.State.WAITING || message.getState() == Thread.State.TERMINATED);
        assertThat(out).as("nothing goes out before the join, whose id is smaller").containsExactly("JOINED 1");
        releaseJoin.countDown();
        assertThat(join.join(java.time.Duration.ofSeconds(30))).isTrue();
        assertThat(message.join(java.time.Duration.ofSeconds(30))).isTrue();

        assertThat(out).containsExactly("JOINED 1", "JOINED 2", "MSG 3");
        assertThat(failures).isEmpty();
        assertThat(room.lastDelivered()).isEqualTo(3);
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
