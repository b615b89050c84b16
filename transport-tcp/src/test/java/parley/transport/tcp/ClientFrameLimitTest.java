package parley.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.transport.ClientConnection;
import parley.api.transport.FramedClientConnection;
import parley.api.wire.Frames;

/** The client reads through the kernel's frame reader: a frame over its limit ends the connection, saying why. */
class ClientFrameLimitTest {

    @Test
    void aFrameOverTheClientsLimitClosesTheConnectionNamingTheSizeAndTheLimit() throws Exception {
        try (SocketPair sockets = SocketPair.open()) {
            CompletableFuture<String> closed = new CompletableFuture<>();
            FramedClientConnection.start(sockets.far(), sockets.far(), true, 1 << 20, new ClientConnection.Listener() {
                @Override
                public void received(Message message) {
                }

                @Override
                public void closed(String reason) {
                    closed.complete(reason);
                }
            });
            sockets.near().write(ByteBuffer.wrap(Frames.header(2_000_000)));
            assertThat(closed.get(20, TimeUnit.SECONDS))
                    .isEqualTo("the server sent a frame of 2000000 bytes, over this client's limit of 1048576");
        }
    }
}
