package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.constraints.Size;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;

/**
 * Fuzzing of protocol selection and the readers behind it, over real sockets: whatever a connection
 * sends first, and then half-closes, the server answers (or not) and closes it within its timeouts, and
 * a client that speaks properly is served after each one. Bounded: a few hundred connections.
 */
class ProtocolFuzzTest {

    private static final Duration LONG = Duration.ofSeconds(20);
    private static ParleyServer server;
    private static ParleyClient witness;

    @BeforeContainer
    static void start() throws IOException {
        server = TestServers.start(Map.of("first-bytes-timeout", "10s", "max-frame-bytes", "64KiB")); // the witness must not miss it on a loaded machine
        witness = ParleyClient.connect("127.0.0.1", server.address().getPort());
        witness.login("witness"); // speaks at once, and is logged in: no timeout is for it
    }

    @AfterContainer
    static void stop() {
        witness.close();
        server.close();
    }

    @Property(tries = 300)
    void anyFirstBytesEndInAnAnswerOrACloseAndHurtNoOne(@ForAll @Size(max = 300) byte[] bytes) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.address().getPort())) {
            socket.setSoTimeout((int) LONG.toMillis());
            socket.getOutputStream().write(bytes);
            socket.shutdownOutput(); // no more: the server must come to an end with what it has
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[4096];
            long received = 0;
            try {
                int n;
                while ((n = in.read(sink)) >= 0) {
                    received += n;
                    assertThat(received).as("answers to 300 bytes stay small").isLessThan(1 << 20);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the server kept a half-closed connection open for " + LONG, e);
            } catch (IOException e) {
                // reset by the server: an end too
            }
        }
        assertThat(witness.call(Message.of("ECHO").put("text", "ok"), LONG).text("text")).isEqualTo("ok");
    }
}
