package parley.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client's room order ({@code js/room-log.js}), run in Chromium as the page loads it: history and
 * live pushes that overlap are shown once each, in id order, whatever order they arrive in.
 */
class RoomLogTest {

    @TempDir
    static Path temp;
    private static ParleyProcess server;
    private static Browser browser;

    @BeforeAll
    static void open() throws Exception {
        server = ParleyProcess.server(temp.resolve("server"));
        int port = server.awaitPort();
        browser = Browser.open("room-log", temp, 800, 600);
        browser.get("http://127.0.0.1:" + port + "/");
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Runs steps against a new RoomLog; each step's result is recorded as the ids it shows. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(String steps) {
        return (Map<String, Object>) browser.jsAsync("""
                const done = arguments[arguments.length - 1];
                import('/js/room-log.js').then(({RoomLog}) => {
                  const log = new RoomLog();
                  const ids = (list) => list.map((m) => m.id ?? null);
                  const m = (id) => ({type: 'MSG', id});
                  const out = {};
                  %s
                  out.lastId = log.lastId;
                  done(out);
                }).catch((e) => done({error: String(e)}));
                """.formatted(steps));
    }

    @Test
    void pushesDuringAJoinWaitForTheHistoryAndOverlapsShowOnce() {
        Map<String, Object> out = run("""
                log.catchingUp();
                out.held = ids([...log.live(m(5)), ...log.live(m(6))]);
                const r = log.caughtUp([m(3), m(4), m(5)]);
                out.history = ids(r.history);
                out.live = ids(r.live);
                out.after = ids(log.live(m(6)).concat(log.live(m(7))));
                """);
        assertThat(out).doesNotContainKey("error");
        assertThat((List<Object>) out.get("held")).as("nothing shows while the history is on its way").isEmpty();
        assertThat((List<Object>) out.get("history")).containsExactly(3L, 4L, 5L);
        assertThat((List<Object>) out.get("live")).as("5 came in the history already").containsExactly(6L);
        assertThat((List<Object>) out.get("after")).as("6 again is a duplicate").containsExactly(7L);
        assertThat(out.get("lastId")).isEqualTo(7L);
    }

    @Test
    void historyIsSortedAndOwnMessagesMarkedFromTheirOkAreNotShownTwice() {
        Map<String, Object> out = run("""
                log.mark(2);
                out.live = ids(log.live(m(1)).concat(log.live(m(2))));
                log.catchingUp();
                const r = log.caughtUp([m(4), m(2), m(3)]);
                out.history = ids(r.history);
                out.noId = ids(log.live({type: 'MSG'}).concat(log.live({type: 'MSG'})));
                """);
        assertThat(out).doesNotContainKey("error");
        assertThat((List<Object>) out.get("live")).containsExactly(1L);
        assertThat((List<Object>) out.get("history")).containsExactly(3L, 4L);
        assertThat((List<Object>) out.get("noId")).as("events without an id always show").hasSize(2);
        assertThat(out.get("lastId")).isEqualTo(4L);
    }
}
