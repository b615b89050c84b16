package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.wire.Frames;
import parley.api.wire.Json;

/** How the programmatic client tells a reply from a push, against a stand-in server that controls the order. */
class ClientCorrelationTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Test
    void aSequenceResultWithTheSameSeqIsAPushNotTheReply() throws Exception {
        try (ServerSocket standIn = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try (Socket socket = standIn.accept()) {
                    DataInputStream in = new DataInputStream(socket.getInputStream());
                    byte[] request = new byte[in.readInt()];
                    in.readFully(request);
                    String seq = Json.parse(request).get("seq").asString();
                    OutputStream out = socket.getOutputStream();
                    // the vote ends just as the late answer arrives: the room's result first, then the KO
                    out.write(frame("{\"type\":\"SEQUENCE_RESULT\",\"seq\":\"" + seq + "\",\"room\":\"room1\",\"result\":{}}"));
                    out.write(frame("{\"type\":\"KO\",\"seq\":\"" + seq + "\",\"reason\":\"closed\"}"));
                    out.flush();
                    in.read(); // until the client closes
                } catch (Exception e) {
                    // the test is over
                }
            });
            try (ParleyClient client = ParleyClient.connect("127.0.0.1", standIn.getLocalPort())) {
                Message reply = client.call(Message.of("VOTE").put("seq", "s-7").put("vote", "yes"), LONG);
                assertThat(reply.type()).isEqualTo("KO");
                assertThat(client.awaitPush("SEQUENCE_RESULT", LONG).text("seq")).isEqualTo("s-7");
            }
        }
    }

    private static byte[] frame(String json) {
        return Frames.frame(json.getBytes(StandardCharsets.UTF_8));
    }
}
