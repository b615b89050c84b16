package parley.api;

import parley.api.wire.WireCodec;

/**
 * A message encoded at most once per wire form, whose bytes are shared by every recipient.
 *
 * <p>A broadcast builds one {@code Outbound} and hands it to each member's {@link Session#send(Outbound)};
 * the framed and legacy bytes are each computed on first use, once, and then reused. Thread-safe.
 * The bytes must never be modified.
 */
public final class Outbound {

    private final Message message;
    private final WireCodec codec;
    private volatile byte[] framed;
    private volatile byte[] legacy;

    public Outbound(Message message, WireCodec codec) {
        this.message = message;
        this.codec = codec;
    }

    public Message message() {
        return message;
    }

    /** The encoded bytes for a connection of the given form. */
    public byte[] bytes(WireForm form) {
        if (form == WireForm.FRAMED) {
            byte[] bytes = framed;
            if (bytes == null) {
                synchronized (this) {
                    bytes = framed;
                    if (bytes == null) {
                        bytes = codec.encodeFrame(message);
                        framed = bytes;
                    }
                }
            }
            return bytes;
        }
        byte[] bytes = legacy;
        if (bytes == null) {
            synchronized (this) {
                bytes = legacy;
                if (bytes == null) {
                    bytes = codec.encodeLine(message);
                    legacy = bytes;
                }
            }
        }
        return bytes;
    }
}
