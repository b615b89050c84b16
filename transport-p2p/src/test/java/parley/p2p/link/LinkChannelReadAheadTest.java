package parley.p2p.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import parley.api.wire.Frames;

/** A relay that takes a link's stream over after the handshake loses none of the bytes read ahead. */
class LinkChannelReadAheadTest {

    @Test
    void bytesThatCameWithTheLastFrameReachTheRelay() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket near = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
             LinkChannel far = new LinkChannel(listener.accept(), Frames.DEFAULT_MAX_FRAME_BYTES)) {
            OutputStream out = near.getOutputStream();
            byte[] frame = Frames.frame("{\"type\":\"HELLO\"}".getBytes(StandardCharsets.UTF_8));
            byte[] after = "raw bytes for the relay".getBytes(StandardCharsets.UTF_8);
            byte[] both = new byte[frame.length + after.length];
            System.arraycopy(frame, 0, both, 0, frame.length);
            System.arraycopy(after, 0, both, frame.length, after.length);
            out.write(both); // one write: the frame reader reads the raw bytes ahead with the frame
            out.flush();
            near.shutdownOutput();

            assertThat(far.readMessage().type()).isEqualTo("HELLO");
            InputStream rest = far.input();
            assertThat(new String(rest.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("raw bytes for the relay");
        }
    }
}
