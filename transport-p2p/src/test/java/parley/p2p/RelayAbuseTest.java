package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.server.ParleyServer;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.P2pMessages;
import parley.testkit.Pace;

/**
 * Idle connections cannot lock real users out of the relay: one address may have only so many
 * presenting at once, and a presentation has a deadline in all, not per read. The attacker dials from
 * 127.0.0.2, real users from 127.0.0.1 (both loopback, two addresses).
 */
class RelayAbuseTest {

    private static final Duration LONG = Duration.ofSeconds(20);

    @Test
    void idleConnectionsFromOneAddressTakeFewSlotsAndLoseThemAtTheDeadline() throws Exception {
        try (ParleyServer server = P2pServer.start(Map.of("p2p.relay-presenting-per-ip", "4",
                "p2p.relay-present-timeout", "800ms"))) {
            int relay = P2pServer.broker(server).relayPort();
            List<Socket> idle = new ArrayList<>();
            try {
                for (int i = 0; i < 10; i++) {
                    idle.add(dialFrom("127.0.0.2", relay));
                }
                int held = 0;
                int closedAtOnce = 0;
                for (Socket socket : idle) {
                    if (firstByteOrEnd(socket) >= 0) {
                        held++; // it got its challenge: it holds a slot
                    } else {
                        closedAtOnce++;
                    }
                }
                assertThat(held).as("at most p2p.relay-presenting-per-ip from one address").isEqualTo(4);
                assertThat(closedAtOnce).isEqualTo(6);

                // meanwhile a real user from another address is served: challenged, heard, answered
                try (LinkChannel user = LinkChannel.connect(new InetSocketAddress("127.0.0.1", relay), LONG, 1 << 20)) {
                    user.readTimeout(LONG);
                    assertThat(user.readMessage().type()).isEqualTo(P2pMessages.RELAY_CHALLENGE);
                    user.send(Message.of(P2pMessages.RELAY_JOIN).put("link", "p2p-404").put("role", "caller")
                            .put("proof", "x"));
                    Message refused = user.readMessage();
                    assertThat(refused.type()).isEqualTo(P2pMessages.RELAY_REFUSED);
                    assertThat(refused.text("reason")).startsWith("unknown link p2p-404");
                }

                // the held ones are closed at the deadline, though one of them keeps trickling bytes
                Socket trickler = idle.get(0);
                int[] sent = {0};
                try (Pace trickle = Pace.every(Duration.ofMillis(100), () -> { // ends when the server closes it
                    trickler.getOutputStream().write(0);
                    return ++sent[0] < 100;
                })) {
                    for (Socket socket : idle) {
                        assertThat(drainedToEnd(socket)).as("closed by the server").isTrue();
                    }
                }
                await().atMost(LONG).until(() -> P2pServer.broker(server).relayPresentingAddresses() == 0);
                Socket again = dialFrom("127.0.0.2", relay);
                idle.add(again);
                assertThat(firstByteOrEnd(again)).as("its slots are free again").isGreaterThanOrEqualTo(0);
            } finally {
                for (Socket socket : idle) {
                    socket.close();
                }
            }
        }
    }

    private static Socket dialFrom(String local, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), (int) LONG.toMillis());
        socket.setSoTimeout((int) LONG.toMillis());
        return socket;
    }

    /** The first byte the relay sends, or -1 when it closed the connection first. */
    private static int firstByteOrEnd(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read();
        } catch (IOException e) {
            return -1; // reset: closed too
        }
    }

    /** Reads to the end of the stream; false if the relay kept it open past the generous timeout. */
    private static boolean drainedToEnd(Socket socket) {
        try {
            InputStream in = socket.getInputStream();
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                // the rest of the challenge, if any
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
