package parley.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;

/**
 * Reads many members' sockets on one platform thread with a {@link Selector}, as Redis and the
 * servers' own event loops do: a message to 100 members costs one wake-up of this thread, not 100 of
 * virtual threads through the JDK's poller, so the load generator takes less of the CPU it shares with
 * the server under test (on two cores, every cycle it spends is one the server does not get).
 *
 * <p>Its receivers' sockets go to non-blocking mode when it starts. It ends when closed, or when every
 * receiver is done; a receiver whose read fails or sees the end is done ({@link Receiver#done()}), and
 * one whose handling of what it read throws stops with that failure ({@link Receiver#failure()}) while
 * the others go on.
 */
final class ReceiverLoop implements AutoCloseable {

    private final Selector selector;
    private final Thread thread;
    private volatile boolean closed;

    private ReceiverLoop(List<Receiver> receivers, String name) throws IOException {
        selector = Selector.open();
        try {
            for (Receiver receiver : receivers) {
                receiver.channel().configureBlocking(false);
                receiver.channel().register(selector, SelectionKey.OP_READ, receiver);
            }
        } catch (IOException e) {
            selector.close();
            throw e;
        }
        thread = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /** Starts a loop reading these receivers' sockets, on a thread called {@code name}. */
    static ReceiverLoop start(List<Receiver> receivers, String name) throws IOException {
        return new ReceiverLoop(receivers, name);
    }

    private void run() {
        try {
            while (!closed && !selector.keys().isEmpty()) {
                selector.select(key -> {
                    Receiver receiver = (Receiver) key.attachment();
                    try {
                        if (!receiver.readAvailable()) {
                            key.cancel();
                        }
                    } catch (RuntimeException e) { // that member's figures are wrong: it stops, the others go on
                        receiver.fail(e);
                        key.cancel();
                    }
                });
            }
        } catch (IOException e) {
            if (!closed) {
                throw new UncheckedIOException(e);
            }
        } catch (ClosedSelectorException e) {
            // closed while selecting: done
        } finally {
            for (SelectionKey key : List.copyOf(selector.keys())) {
                ((Receiver) key.attachment()).finish();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5_000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // nothing left to read
        }
    }
}
