package parley.browser;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.awaitility.Awaitility;

import parley.testkit.LegacyClient;

/**
 * An old text client (the test kit's {@link LegacyClient}) whose lines a thread of its own reads as they
 * come, so a test can wait for any line, whatever came before it.
 */
final class TextClient implements AutoCloseable {

    private static final Duration LONG = Duration.ofSeconds(30);

    private final LegacyClient client;
    private final List<String> lines = new ArrayList<>();

    TextClient(InetSocketAddress server) throws IOException {
        client = new LegacyClient(server);
        Thread.ofVirtual().start(() -> {
            while (true) {
                String line;
                try {
                    line = client.read();
                } catch (SocketTimeoutException e) {
                    continue; // a quiet moment: read on
                } catch (IOException e) {
                    return; // closed
                }
                synchronized (lines) {
                    lines.add(line);
                }
            }
        });
    }

    void send(String line) throws IOException {
        client.send(line);
    }

    void await(Predicate<String> matching) {
        Awaitility.await().atMost(LONG).until(() -> {
            synchronized (lines) {
                return lines.stream().anyMatch(matching);
            }
        });
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
