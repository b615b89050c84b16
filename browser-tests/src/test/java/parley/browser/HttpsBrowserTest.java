package parley.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same page over HTTPS on the same port (the TLS plugin's self-signed certificate, which this
 * browser is told to accept): the page opens its WebSocket as wss:// — a ws:// one would be blocked
 * as mixed content — and chats with a text client.
 */
class HttpsBrowserTest {

    @TempDir
    Path temp;

    @Test
    void thePageServedOverHttpsChatsOverWss() throws Exception {
        try (ParleyProcess server = ParleyProcess.server(temp.resolve("server"))) {
            int port = server.awaitPort();
            try (Browser erin = Browser.open("erin", temp, 1024, 768, "--ignore-certificate-errors");
                 TextClient dave = new TextClient(new InetSocketAddress("127.0.0.1", port))) {
                dave.send("LOGIN \"dave\"");
                dave.await(l -> l.startsWith("DISPLAY_ROOM"));
                dave.send("JOIN_ROOM \"room1\"");
                dave.await(l -> l.equals("OK"));
                erin.get("https://127.0.0.1:" + port + "/");
                assertThat(erin.js("return location.protocol")).isEqualTo("https:");
                erin.logIn("erin");
                erin.join("room1");
                erin.say("room1", "over TLS, end to end");
                dave.await(l -> l.equals("MSG \"room1\" \"erin\" \"over TLS, end to end\""));
                dave.send("MSG \"room1\" \"dave\" \"read you\"");
                await().atMost(Browser.LONG).until(() -> erin.messages("room1").stream()
                        .anyMatch(m -> "dave".equals(m.get("pseudo")) && "read you".equals(m.get("text"))));
                assertThat(erin.consoleErrors()).isEmpty();
            }
        }
    }
}
