package parley.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.SynchronizedHistogram;

/** Opens many connections at once, each set up by the same step, on a few virtual threads. */
final class Connections {

    private static final int PARALLEL = 32;

    interface Setup {
        void run(SocketChannel channel, int index) throws IOException;
    }

    private Connections() {
    }

    /** Opens {@code count} connections to the target, each made ready by {@code setup}; in index order. */
    static List<SocketChannel> open(Target target, int count, Setup setup) throws IOException {
        return open(target, count, setup, 0, null);
    }

    /**
     * As {@link #open(Target, int, Setup)}, {@code perSecond} a second (0: as fast as they go): the
     * {@code i}-th is planned at {@code i / perSecond} seconds from now, and the time each took, from its
     * planned time (so a server that falls behind is charged the wait) to the end of its setup, goes
     * into {@code times} in microseconds, when given.
     */
    static List<SocketChannel> open(Target target, int count, Setup setup, int perSecond, SynchronizedHistogram times)
            throws IOException {
        SocketChannel[] opened = new SocketChannel[count];
        long start = System.nanoTime();
        double interval = perSecond > 0 ? 1e9 / perSecond : 0;
        AtomicReference<IOException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < PARALLEL; w++) {
            int first = w;
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < count && failure.get() == null; i += PARALLEL) {
                    try {
                        long planned = start + (long) (i * interval);
                        long wait;
                        while ((wait = planned - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        long began = interval > 0 ? planned : System.nanoTime();
                        SocketChannel channel = SocketChannel.open(target.address());
                        opened[i] = channel;
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        setup.run(channel, i);
                        if (times != null) {
                            times.recordValue((System.nanoTime() - began) / 1000);
                        }
                    } catch (IOException e) {
                        failure.compareAndSet(null, new IOException("connection " + i + " of " + count + " to "
                                + target.name() + ": " + e.getMessage(), e));
                    }
                }
            }));
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        List<SocketChannel> all = new ArrayList<>();
        Collections.addAll(all, opened);
        if (failure.get() != null) {
            closeAll(all);
            throw failure.get();
        }
        return all;
    }

    static void closeAll(List<SocketChannel> channels) {
        for (SocketChannel channel : channels) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }
}
