package parley.api.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import parley.api.PayloadForm;
import parley.api.wire.BinaryFrame;

/** The default of {@link Connection#offerBinary(byte[], ByteBuffer, Runnable)}, for transports that queue arrays only. */
class ConnectionTest {

    /** A transport that keeps what it is offered, and refuses once closed. */
    private static final class ArrayOnly implements Connection {
        final List<byte[]> offered = new ArrayList<>();
        boolean open = true;

        @Override
        public PayloadForm form() {
            return PayloadForm.JSON;
        }

        @Override
        public String protocol() {
            return "test";
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 1);
        }

        @Override
        public boolean offer(byte[] bytes) {
            if (!open) {
                return false;
            }
            offered.add(bytes);
            return true;
        }

        @Override
        public long offered() {
            return offered.size();
        }

        @Override
        public boolean awaitQueuedBelow(long bytes, Duration timeout) {
            return open;
        }

        @Override
        public void close(String reason) {
            open = false;
        }

        @Override
        public boolean isOpen() {
            return open;
        }
    }

    @Test
    void theDefaultJoinsHeadAndDataIntoOnePayloadAndReleasesTheBufferOnce() {
        ArrayOnly connection = new ArrayOnly();
        byte[] data = {1, 2, 3, 4, 5, 6};
        ByteBuffer direct = ByteBuffer.allocateDirect(16).put(data).flip();
        AtomicInteger released = new AtomicInteger();

        assertThat(connection.offerBinary(BinaryFrame.head("t-9"), direct, released::incrementAndGet)).isTrue();
        assertThat(connection.offered).containsExactly(BinaryFrame.payload("t-9", data, 0, data.length));
        assertThat(released.get()).isEqualTo(1);

        connection.close("test");
        ByteBuffer again = ByteBuffer.allocateDirect(4).put(new byte[] {9, 9, 9, 9}).flip();
        assertThat(connection.offerBinary(BinaryFrame.head("t-9"), again, released::incrementAndGet)).isFalse();
        assertThat(released.get()).as("released when refused too").isEqualTo(2);
    }
}
