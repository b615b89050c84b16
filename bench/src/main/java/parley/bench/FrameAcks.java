package parley.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Counts acknowledgements among frames ({@code [uint32 length][payload]}) fed in any pieces: the
 * sender's side of Parley's framed protocol and of the minimal server's.
 */
final class FrameAcks implements Wire.Acks {

    /** What an acknowledgement looks like; a refusal throws with the server's words. */
    interface Kind {
        /** 1 for an acknowledgement, 0 for anything else; throws for a refusal. */
        int of(byte[] data, int at, int length) throws IOException;
    }

    private final Kind kind;
    private byte[] pending = new byte[4096];
    private int size;
    private int others;

    FrameAcks(Kind kind) {
        this.kind = kind;
    }

    @Override
    public int feed(byte[] data, int from, int to) throws IOException {
        int n = to - from;
        if (size + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, size + n));
        }
        System.arraycopy(data, from, pending, size, n);
        size += n;
        int at = 0;
        int acks = 0;
        others = 0;
        while (size - at >= 4) {
            int length = ((pending[at] & 0xFF) << 24) | ((pending[at + 1] & 0xFF) << 16)
                    | ((pending[at + 2] & 0xFF) << 8) | (pending[at + 3] & 0xFF);
            if (length < 0 || length > (16 << 20)) {
                throw new IOException("the server sent a frame of " + Integer.toUnsignedString(length) + " bytes");
            }
            if (size - at - 4 < length) {
                break;
            }
            int ack = kind.of(pending, at + 4, length);
            acks += ack;
            others += 1 - ack;
            at += 4 + length;
        }
        System.arraycopy(pending, at, pending, 0, size - at);
        size -= at;
        return acks;
    }

    @Override
    public int others() {
        return others;
    }

    /** Parley's framed answers: OK counts, KO and ERROR end the run with their reason. */
    static int parley(byte[] data, int at, int length) throws IOException {
        if (startsWith(data, at, length, "{\"type\":\"OK\"")) {
            return 1;
        }
        if (startsWith(data, at, length, "{\"type\":\"KO\"") || startsWith(data, at, length, "{\"type\":\"ERROR\"")) {
            throw new IOException("the server refused a message: " + new String(data, at, length, StandardCharsets.UTF_8));
        }
        return 0;
    }

    static boolean startsWith(byte[] data, int at, int length, String prefix) {
        if (length < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (data[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
