package parley.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.ServerContext;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.server.ParleyServer;
import parley.api.spi.ServerFeature;
import parley.api.wire.LegacyShape;
import parley.rooms.api.RoomDirectory;
import parley.rooms.api.client.Chat;
import parley.rooms.api.client.History;
import parley.testkit.LegacyClient;

/**
 * A file offer in a text client's HISTORY: the log keeps the JSON form, which nests the file; the line
 * gives the file's fields as arguments, without the content.
 */
class LegacyFileHistoryTest {

    @TempDir
    Path data;

    /** Offers files as the files plugin does: a JSON form nesting the file, a line with it inline. */
    static final class Offers implements ServerFeature {
        static final AtomicReference<ServerContext> CONTEXT = new AtomicReference<>();

        @Override
        public void start(ServerContext context) {
            CONTEXT.set(context);
        }

        @Override
        public List<LegacyShape> pushShapes() {
            return List.of(LegacyShape.of("FILE", List.of("room", "pseudo", "filename", "data", "size?", "sha256?", "id?")));
        }

        static void offer(String room) {
            ServerContext context = CONTEXT.get();
            Message json = Message.of("FILE").put("room", room).put("pseudo", "ann").put("file", parley.api.wire.Json.object()
                    .put("id", "f-1").put("filename", "a b.txt").put("size", 5).put("sha256", "abc"));
            Message line = Message.of("FILE").put("room", room).put("pseudo", "ann").put("filename", "a b.txt")
                    .put("data", "aGVsbG8=").put("size", 5).put("sha256", "abc").put("id", "f-1");
            context.services().require(RoomDirectory.class).broadcast(room, context.encodeOnce(json, line), null);
        }
    }

    @Test
    void aFileOfferComesBackAsItsLineWithoutTheContent() throws Exception {
        try (ParleyServer server = HistoryServer.start(data, Map.of(), Plugin.builder("offers").feature(Offers::new).build());
             ParleyClient ann = HistoryServer.loggedIn(server, "ann");
             LegacyClient old = new LegacyClient(server.address())) {
            Chat.join(ann, "room2");
            old.ask("LOGIN \"old\"");
            assertThat(old.ask("JOIN_ROOM \"room2\"")).isEqualTo("OK");
            Offers.offer("room2");
            assertThat(old.read()).as("live: the content inline")
                    .isEqualTo("FILE \"room2\" \"ann\" \"a b.txt\" \"aGVsbG8=\" \"5\" \"abc\" \"f-1\"");
            assertThat(old.ask("HISTORY \"room2\" \"1\""))
                    .isEqualTo("FILE \"room2\" \"ann\" \"a b.txt\" \"\" \"5\" \"abc\" \"f-1\"");
            assertThat(old.read()).isEqualTo("OK");
            Message framed = History.latest(ann, "room2", 1).get(0);
            assertThat(framed.get("file").get("filename").stringValue()).as("the JSON form as it was pushed").isEqualTo("a b.txt");
        }
    }
}
