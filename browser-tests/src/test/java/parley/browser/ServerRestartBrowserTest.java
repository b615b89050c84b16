package parley.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server restarts under an open page: the page says it is reconnecting, finds the server back on
 * the same port, logs in again, goes back into its room and shows what was said there since, once, with
 * the room's ids continuing (the history plugin keeps the log in data-dir).
 */
class ServerRestartBrowserTest {

    @TempDir
    Path temp;

    @Test
    void thePageComesBackAfterARestartWithWhatWasSaid() throws Exception {
        int port = freePort();
        Path data = temp.resolve("server");
        try (Browser erin = Browser.open("erin", temp, 1024, 768)) {
            try (ParleyProcess server = ParleyProcess.server(data, port);
                 TextClient dave = new TextClient(new InetSocketAddress("127.0.0.1", server.awaitPort()))) {
                dave.send("LOGIN \"dave\"");
                dave.send("JOIN_ROOM \"room1\"");
                erin.get("http://127.0.0.1:" + port + "/");
                erin.logIn("erin");
                erin.join("room1");
                dave.send("MSG \"room1\" \"dave\" \"before the restart\"");
                awaitMessage(erin, "dave", "before the restart");
                server.stop();
                erin.awaitText("#status", "reconnecting");
            }
            try (ParleyProcess server = ParleyProcess.server(data, port);
                 TextClient dave = new TextClient(new InetSocketAddress("127.0.0.1", server.awaitPort()))) {
                dave.send("LOGIN \"dave\"");
                dave.send("JOIN_ROOM \"room1\"");
                dave.send("MSG \"room1\" \"dave\" \"after the restart\"");
                dave.await(l -> l.equals("OK"));
                erin.awaitText("#status", "connected as erin");
                erin.awaitText("#notices", "reconnected as erin");
                awaitMessage(erin, "dave", "after the restart");
                erin.say("room1", "glad to be back");
                dave.await(l -> l.equals("MSG \"room1\" \"erin\" \"glad to be back\""));
                assertThat(erin.messages("room1").stream().filter(m -> "before the restart".equals(m.get("text"))))
                        .as("said once, shown once").hasSize(1);
                assertThat(erin.messages("room1").stream().map(m -> m.get("id")).filter(Objects::nonNull)
                        .map(id -> ((Number) id).longValue()).toList())
                        .as("the room's ids continue across the restart, each shown once").doesNotHaveDuplicates().isSorted();
            }
        }
    }

    private static void awaitMessage(Browser browser, String pseudo, String text) {
        await().atMost(Browser.LONG).until(() -> browser.messages("room1").stream()
                .anyMatch((Map<String, Object> m) -> pseudo.equals(m.get("pseudo")) && text.equals(m.get("text"))));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
