package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Senders on real loopback connections to a socket this test holds as the server: a scenario's wait
 * ends when every sender is done, or at once when one fails, and the failure is what {@link Senders#join}
 * reports. The timeouts are for liveness only: without the early end, each wait would last the ten
 * minutes of its phase.
 */
class SendersTest {

    private static final long TEN_MINUTES = TimeUnit.MINUTES.toNanos(10);

    @Test
    @Timeout(60)
    void aSenderWhoseConnectionTheServerClosedStopsTheOthersAndIsReportedAtOnce() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel first = SocketChannel.open(server.getLocalAddress());
             SocketChannel firstAtServer = server.accept();
             SocketChannel second = SocketChannel.open(server.getLocalAddress());
             SocketChannel secondAtServer = server.accept()) {
            Sender failing = new Sender(first, 0, new ParleyWire(), "s0", "room", 100);
            Sender healthy = new Sender(second, 1, new ParleyWire(), "s1", "room", 100);
            long start = System.nanoTime();
            long end = start + TEN_MINUTES;
            Senders sending = Senders.start(List.of(failing, healthy), "test-sender-",
                    sender -> sender.paced(100, start, end));

            firstAtServer.close();
            sending.awaitUntil(end);

            assertThrows(IOException.class, sending::join); // and join returns: the healthy sender was stopped
            assertThat(secondAtServer.isOpen()).isTrue();
        }
    }

    @Test
    @Timeout(60)
    void theWaitEndsWhenEverySenderIsDone() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
             SocketChannel client = SocketChannel.open(server.getLocalAddress());
             SocketChannel atServer = server.accept()) {
            Sender sender = new Sender(client, 0, new ParleyWire(), "s0", "room", 100);
            long start = System.nanoTime();
            Senders sending = Senders.start(List.of(sender), "test-sender-",
                    s -> s.paced(1000, start, start + TimeUnit.MILLISECONDS.toNanos(200)));

            sending.awaitUntil(start + TEN_MINUTES);
            sending.join();

            assertThat(sender.sent()).isEqualTo(200); // 1,000 a second for 200 ms, every one planned sent
            assertThat(atServer.isOpen()).isTrue();
        }
    }
}
