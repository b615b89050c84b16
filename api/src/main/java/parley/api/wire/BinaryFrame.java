package parley.api.wire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Binary data frames: bulk bytes (file chunks) on a framed connection, without JSON or base64.
 *
 * <p>A binary frame is an ordinary frame whose payload starts with the byte {@code 0x00}, which no
 * JSON text can start with:
 * <pre>
 * [0x00][uint8 tag length][tag: 1-64 ASCII bytes][data]
 * </pre>
 * On TCP it travels behind the usual 4-byte length, on a WebSocket as a binary message.
 * The tag names the stream the data belongs to, such as the id of an upload, and a plugin routes
 * its streams by tag. Legacy connections have no binary frames.
 */
public final class BinaryFrame {

    /** First payload byte of a binary frame. */
    public static final byte MARKER = 0x00;

    /** Longest tag, in bytes. */
    public static final int MAX_TAG = 64;

    private BinaryFrame() {
    }

    /** Where the tag and the data of a binary payload are. */
    public record Parsed(String tag, int dataOffset, int dataLength) {
    }

    /** True when the payload is a binary frame's. */
    public static boolean isBinary(byte[] payload, int offset, int length) {
        return length > 0 && payload[offset] == MARKER;
    }

    /**
     * Reads the tag of a binary payload.
     *
     * @throws ProtocolException (recoverable) for a missing or bad tag
     */
    public static Parsed parse(byte[] payload, int offset, int length) throws ProtocolException {
        if (length < 3) {
            throw ProtocolException.recoverable("binary frame too short: it needs a marker, a tag length and a tag");
        }
        int tagLength = payload[offset + 1] & 0xFF;
        if (tagLength < 1 || tagLength > MAX_TAG || 2 + tagLength > length) {
            throw ProtocolException.recoverable("binary frame has a bad tag length " + tagLength
                    + " (1 to " + MAX_TAG + " bytes, within the frame)");
        }
        for (int i = 0; i < tagLength; i++) {
            byte b = payload[offset + 2 + i];
            if (b < 0x21 || b > 0x7E) {
                throw ProtocolException.recoverable("binary frame tag must be printable ASCII without spaces");
            }
        }
        String tag = new String(payload, offset + 2, tagLength, StandardCharsets.US_ASCII);
        return new Parsed(tag, offset + 2 + tagLength, length - 2 - tagLength);
    }

    /**
     * Reads the tag of a binary payload held in a buffer, from its position to its limit, and moves
     * the position to the data. The buffer is not otherwise changed.
     *
     * @throws ProtocolException (recoverable) for a missing or bad tag
     */
    public static String parse(ByteBuffer payload) throws ProtocolException {
        byte[] head = new byte[Math.min(payload.remaining(), 2 + MAX_TAG)];
        payload.get(payload.position(), head);
        Parsed parsed = parse(head, 0, head.length); // the tag is within the head: at most 2 + MAX_TAG bytes
        payload.position(payload.position() + parsed.dataOffset());
        return parsed.tag();
    }

    /**
     * A binary payload: {@code 0x00}, the tag's length, the tag, then {@code length} bytes of
     * {@code data}, copied. A transport frames it like any payload.
     */
    public static byte[] payload(String tag, byte[] data, int offset, int length) {
        byte[] head = head(tag);
        byte[] payload = new byte[head.length + length];
        System.arraycopy(head, 0, payload, 0, head.length);
        System.arraycopy(data, offset, payload, head.length, length);
        return payload;
    }

    /**
     * The payload's bytes before its data: marker, tag length and tag. A sender writes this, then the
     * data, without joining them first.
     */
    public static byte[] head(String tag) {
        byte[] tagBytes = tag.getBytes(StandardCharsets.US_ASCII);
        if (tagBytes.length < 1 || tagBytes.length > MAX_TAG) {
            throw new IllegalArgumentException("tag must be 1 to " + MAX_TAG + " ASCII bytes: " + tag);
        }
        byte[] head = new byte[2 + tagBytes.length];
        head[0] = MARKER;
        head[1] = (byte) tagBytes.length;
        System.arraycopy(tagBytes, 0, head, 2, tagBytes.length);
        return head;
    }
}
