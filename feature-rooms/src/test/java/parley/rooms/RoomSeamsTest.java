package parley.rooms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.ServerContext;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;
import parley.api.spi.ServerFeature;
import parley.rooms.api.Member;
import parley.rooms.api.RoomDelivery;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.RoomEvents;
import parley.rooms.api.client.Chat;

/**
 * The rooms' seams for other plugins, over real sockets: {@link RoomEvents} see joins, leaves and
 * messages in the room's one order, and a {@link RoomDelivery} registered by another plugin carries
 * every message of the room.
 */
class RoomSeamsTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    /** One event as a listener saw it. */
    private record Seen(String kind, String room, String what, long order) {
    }

    /** Another plugin: it records the rooms' events and wraps their delivery. */
    private static final class Observer implements ServerFeature {
        static final List<Seen> SEEN = new CopyOnWriteArrayList<>();
        static final AtomicInteger DELIVERED = new AtomicInteger();

        @Override
        public void start(ServerContext context) {
            RoomDirectory rooms = context.services().require(RoomDirectory.class);
            rooms.listen(new RoomEvents() {
                @Override
                public void joined(String room, Member member, long order) {
                    SEEN.add(new Seen("joined", room, member.pseudo(), order));
                }

                @Override
                public void left(String room, Member member, String reason, long order) {
                    SEEN.add(new Seen("left", room, member.pseudo(), order));
                }

                @Override
                public void delivered(String room, Message message, long order) {
                    SEEN.add(new Seen("delivered", room, message.type() + ":" + message.text("msg"), order));
                }
            });
            context.services().register(RoomDelivery.class, (room, members, message, except) -> {
                DELIVERED.incrementAndGet();
                RoomDelivery.LOCAL.deliver(room, members, message, except);
            });
        }
    }

    @Test
    void eventsComeInTheRoomsOrderAndAReplacedDeliveryCarriesEveryMessage() throws Exception {
        Observer.SEEN.clear();
        Observer.DELIVERED.set(0);
        // the observer comes after the boot layer's plugins, so it starts after rooms
        try (ParleyServer server = TestServer.start(Map.of(), Plugin.builder("observer").feature(Observer::new).build());
             ParleyClient ann = TestServer.loggedIn(server, "s-ann");
             ParleyClient bob = TestServer.loggedIn(server, "s-bob")) {
            assertThat(server.failures()).isEmpty();
            Chat.join(ann, "room2");
            Chat.join(bob, "room2");
            Chat.say(ann, "room2", "one");
            Chat.say(bob, "room2", "two");
            Chat.leave(bob, "room2");
            assertThat(ann.awaitPush("JOINED", LONG).text("pseudo")).isEqualTo("s-bob");
            await().atMost(LONG).until(() -> Observer.SEEN.size() == 5);

            assertThat(Observer.SEEN).extracting(Seen::kind, Seen::what).containsExactly(
                    Tuple.tuple("joined", "s-ann"),
                    Tuple.tuple("joined", "s-bob"),
                    Tuple.tuple("delivered", "MSG:one"),
                    Tuple.tuple("delivered", "MSG:two"),
                    Tuple.tuple("left", "s-bob"));
            long first = Observer.SEEN.get(0).order();
            assertThat(Observer.SEEN).extracting(Seen::order)
                    .as("one order per room, counting joins and leaves, with no gap")
                    .containsExactly(first, first + 1, first + 2, first + 3, first + 4);
            assertThat(Observer.DELIVERED.get()).as("the two joins, two messages and the leave").isEqualTo(5);
            assertThat(ann.awaitPush("MSG", LONG).text("msg")).isEqualTo("two"); // delivered for real, too
        }
    }
}
