package parley.transport.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the threads that wait on {@link PolledSocket}s when their socket can be read or written: one
 * platform thread ({@code parley-poller}) selecting on every socket of the JVM's TCP connections, for
 * the JVM's life.
 *
 * <p>Why not the JDK's own poller, which a virtual thread blocked on a socket uses: blocking mode is per
 * channel, and a channel that its reader reads in blocking mode cannot be written without blocking by
 * another thread. In non-blocking mode, the thread that handled a message can write it to each member's
 * socket itself, at once, and hand over to a writer thread only the sockets that are full (see
 * {@link OutboundQueue}); this poller gives the blocking reads and writes back to those that need them.
 *
 * <p>A socket waits for one thing at a time per direction: {@link #arm} adds the interest and, when the
 * poller's thread is blocked in {@code select}, wakes it so it takes effect (otherwise its next
 * {@code select} applies it: in a room of 50 senders, 1.23 times the deliveries/s, docs/PERFORMANCE.md);
 * when the socket is ready, the poller removes that interest and calls
 * {@link PolledSocket#ready}, which unparks the waiting thread. Interest changes are made under the
 * socket's monitor, from both sides. When a socket is closed, its key is cancelled and the poller tells
 * the socket ({@link PolledSocket#ready} with every interest), so no waiter stays parked.
 *
 * <p>Thread-safe. {@link PolledSocket#ready} is called on the poller thread; it must not block (it
 * unparks). What it throws is logged and the poller goes on.
 */
final class Poller {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    private static volatile Poller shared;

    private final Selector selector;
    /**
     * True while the poller's thread is in (or about to enter) {@link Selector#select()}: only then does
     * a new interest need a wake-up. Outside it, the thread's next select applies the interest anyway.
     */
    private volatile boolean selecting;

    private Poller() throws IOException {
        this.selector = Selector.open();
        Thread thread = Thread.ofPlatform().name("parley-poller").daemon().unstarted(this::loop);
        thread.start();
    }

    /** The JVM's poller, started at the first call. */
    static Poller shared() {
        Poller poller = shared;
        if (poller == null) {
            synchronized (Poller.class) {
                poller = shared;
                if (poller == null) {
                    try {
                        poller = new Poller();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot open a selector for the TCP connections", e);
                    }
                    shared = poller;
                }
            }
        }
        return poller;
    }

    /**
     * Adds {@code op} ({@link SelectionKey#OP_READ} or {@link SelectionKey#OP_WRITE}) to what the poller
     * watches on {@code socket}; under the socket's monitor.
     *
     * @throws ClosedChannelException when the channel is closed
     */
    void arm(PolledSocket socket, SocketChannel channel, int op) throws ClosedChannelException {
        synchronized (socket) {
            SelectionKey key = socket.key;
            try {
                if (key == null) {
                    socket.key = channel.register(selector, op, socket);
                } else {
                    key.interestOps(key.interestOps() | op);
                }
            } catch (CancelledKeyException e) {
                throw new ClosedChannelException();
            }
        }
        if (selecting) { // read after the interest was queued: if false, the next select sees the interest
            selector.wakeup();
        }
    }

    /** Wakes the selector, so a closed channel's key is let go of (and its socket closed) at once. */
    void wakeup() {
        selector.wakeup();
    }

    private void loop() {
        while (true) {
            try {
                selecting = true; // before select() applies the queued interests: see arm
                selector.select();
                selecting = false;
                Iterator<SelectionKey> selected = selector.selectedKeys().iterator();
                while (selected.hasNext()) {
                    SelectionKey key = selected.next();
                    selected.remove();
                    PolledSocket socket = (PolledSocket) key.attachment();
                    int ready;
                    synchronized (socket) {
                        try {
                            ready = key.readyOps();
                            key.interestOps(key.interestOps() & ~ready);
                        } catch (CancelledKeyException e) {
                            ready = SelectionKey.OP_READ | SelectionKey.OP_WRITE;
                        }
                    }
                    socket.ready(ready);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("the TCP poller failed; going on", e);
            }
        }
    }
}
