package parley.api.wire;

/**
 * The framed form on a byte stream: {@code [uint32 big-endian length][payload]}. The length counts the
 * payload only. Transports that carry this form (TCP, a P2P link) add and read the length; the kernel
 * hands them bare payloads. {@link FrameReader} reads frames.
 */
public final class Frames {

    /** Bytes in a frame header. */
    public static final int HEADER_BYTES = 4;

    /** Default largest payload a peer may send: 1 MiB. Set by the {@code max-frame-bytes} setting. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 1 << 20;

    private Frames() {
    }

    /** Reads the unsigned big-endian length at {@code offset}. */
    public static long length(byte[] header, int offset) {
        return ((header[offset] & 0xFFL) << 24)
                | ((header[offset + 1] & 0xFFL) << 16)
                | ((header[offset + 2] & 0xFFL) << 8)
                | (header[offset + 3] & 0xFFL);
    }

    /** Writes {@code length} big-endian at {@code offset}. */
    public static void putLength(byte[] target, int offset, int length) {
        target[offset] = (byte) (length >>> 24);
        target[offset + 1] = (byte) (length >>> 16);
        target[offset + 2] = (byte) (length >>> 8);
        target[offset + 3] = (byte) length;
    }

    /** A frame's 4-byte header for a payload of {@code length} bytes. */
    public static byte[] header(int length) {
        byte[] header = new byte[HEADER_BYTES];
        putLength(header, 0, length);
        return header;
    }

    /** Returns a new frame: header then {@code payload}. For tests and one-off writes; senders of shared
     *  payloads write the header and the payload side by side instead. */
    public static byte[] frame(byte[] payload) {
        byte[] frame = new byte[HEADER_BYTES + payload.length];
        putLength(frame, 0, payload.length);
        System.arraycopy(payload, 0, frame, HEADER_BYTES, payload.length);
        return frame;
    }
}
