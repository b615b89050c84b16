package parley.transport.tcp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes the transport has read from and written to all of its connections, for the figures
 * ({@code tcp_read_bytes_total}, {@code tcp_written_bytes_total}). Read bytes are counted as they come
 * off the socket (TLS records included); written bytes as the queues write them (frames and lines,
 * before a TLS layer encrypts them). Thread-safe: readers and writers add without contention.
 */
final class Traffic {

    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();

    void read(long bytes) {
        read.add(bytes);
    }

    void written(long bytes) {
        written.add(bytes);
    }

    long readTotal() {
        return read.sum();
    }

    long writtenTotal() {
        return written.sum();
    }
}
