package parley.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The bytes every benchmark message carries, found by the receivers in any protocol's stream:
 * {@code #}, the sender's index in its room (3 digits), the message's sequence number among that
 * sender's (10 digits), and the time it was planned to be sent (19 digits, {@link System#nanoTime()} of
 * the load generator), then padding up to the message size.
 * Nothing else on any of the wires holds a {@code #}: the pseudos and rooms are letters and digits.
 */
final class Marker {

    static final byte START = '#';
    static final int SENDER_DIGITS = 3;
    /** The most senders a room may have: their index fits {@link #SENDER_DIGITS}. */
    static final int MAX_SENDERS = 1000;
    static final int SEQ_DIGITS = 10;
    static final int TIME_DIGITS = 19;
    /** The marker's length: {@code #}, sender, sequence, time. */
    static final int LENGTH = 1 + SENDER_DIGITS + SEQ_DIGITS + TIME_DIGITS;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long STARTS = 0x0101010101010101L * START;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Marker() {
    }

    /** A message body of {@code size} bytes (at least {@link #LENGTH}) of sender {@code sender}, with sequence 0 and time 0. */
    static byte[] body(int size, int sender) {
        if (size < LENGTH) {
            throw new IllegalArgumentException("messages need at least " + LENGTH + " bytes, got " + size);
        }
        if (sender < 0 || sender >= MAX_SENDERS) {
            throw new IllegalArgumentException("a room has at most " + MAX_SENDERS + " senders, numbered from 0; got " + sender);
        }
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        body[0] = START;
        digits(body, 1, SENDER_DIGITS, sender);
        write(body, 0, 0, 0);
        return body;
    }

    /** Writes the sequence {@code seq} and the time {@code nanos} of the marker whose {@code #} is at {@code at}. */
    static void write(byte[] into, int at, long seq, long nanos) {
        digits(into, at + 1 + SENDER_DIGITS, SEQ_DIGITS, seq);
        digits(into, at + 1 + SENDER_DIGITS + SEQ_DIGITS, TIME_DIGITS, nanos);
    }

    /**
     * The index of the first {@link #START} in {@code buf[from, end)}, or -1: eight bytes at a time (a
     * member's reader looks at every byte the server sends, most of them not a marker's).
     */
    static int find(byte[] buf, int from, int end) {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            long word = (long) LONGS.get(buf, i) ^ STARTS;
            // a byte of word is zero where buf holds START; the lowest flagged byte is always a true one
            long zeros = (word - ONES) & ~word & HIGHS;
            if (zeros != 0) {
                return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (buf[i] == START) {
                return i;
            }
        }
        return -1;
    }

    private static void digits(byte[] into, int at, int count, long value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value in a marker: " + value);
        }
        for (int i = at + count - 1; i >= at; i--) {
            into[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
