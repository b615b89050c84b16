package parley.transport.tcp;

import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes the transport has read from and written to all of its connections, for the figures
 * ({@code tcp_read_bytes_total}, {@code tcp_written_bytes_total}, {@code tcp_writes_total},
 * {@code tcp_inline_writes_total}). Read bytes are counted as they come
 * off the socket (TLS records included); written bytes as the queues write them (frames and lines,
 * before a TLS layer encrypts them). Thread-safe: readers and writers add without contention.
 */
final class Traffic {

    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder inlineWrites = new LongAdder();

    void read(long bytes) {
        read.add(bytes);
    }

    /** Counts one write to a socket (a batch, or what the socket took of it) of {@code bytes}. */
    void written(long bytes) {
        written.add(bytes);
        writes.increment();
    }

    /** As {@link #written}, for a write that a reader's flush made itself, with no writer thread. */
    void writtenInline(long bytes) {
        written(bytes);
        inlineWrites.increment();
    }

    /** Of {@link #writes}, those a reader's flush made itself. */
    long inlineWrites() {
        return inlineWrites.sum();
    }

    /** Writes to sockets so far: the written bytes over this are the bytes per system call. */
    long writes() {
        return writes.sum();
    }

    long readTotal() {
        return read.sum();
    }

    long writtenTotal() {
        return written.sum();
    }
}
