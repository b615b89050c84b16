package parley.bench;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

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
        SocketChannel[] opened = new SocketChannel[count];
        AtomicReference<IOException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < PARALLEL; w++) {
            int first = w;
            workers.add(Thread.ofVirtual().start(() -> {
                for (int i = first; i < count && failure.get() == null; i += PARALLEL) {
                    try {
                        SocketChannel channel = SocketChannel.open(target.address());
                        opened[i] = channel;
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        setup.run(channel, i);
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
