package parley.bench;

/**
 * The bytes every benchmark message carries, found by the receivers in any protocol's stream:
 * {@code #}, the message's sequence number (10 digits), and the time it was planned to be sent
 * (19 digits, {@link System#nanoTime()} of the load generator), then padding up to the message size.
 * Nothing else on any of the wires holds a {@code #}: the pseudos and rooms are letters and digits.
 */
final class Marker {

    static final byte START = '#';
    static final int SEQ_DIGITS = 10;
    static final int TIME_DIGITS = 19;
    /** The marker's length: {@code #}, sequence, time. */
    static final int LENGTH = 1 + SEQ_DIGITS + TIME_DIGITS;

    private Marker() {
    }

    /** A message body of {@code size} bytes (at least {@link #LENGTH}) with sequence 0 and time 0. */
    static byte[] body(int size) {
        if (size < LENGTH) {
            throw new IllegalArgumentException("messages need at least " + LENGTH + " bytes, got " + size);
        }
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) 'x');
        body[0] = START;
        write(body, 0, 0, 0);
        return body;
    }

    /** Writes the marker for {@code seq} planned at {@code nanos} at {@code at} (where its {@code #} is). */
    static void write(byte[] into, int at, long seq, long nanos) {
        digits(into, at + 1, SEQ_DIGITS, seq);
        digits(into, at + 1 + SEQ_DIGITS, TIME_DIGITS, nanos);
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
