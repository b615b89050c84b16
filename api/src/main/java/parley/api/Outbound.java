package parley.api;

import parley.api.wire.WireCodec;

/**
 * A message encoded at most once per payload form, whose bytes are shared by every recipient.
 *
 * <p>A broadcast builds one {@code Outbound} and hands it to each member's {@link Session#send(Outbound)};
 * the JSON and line payloads are each computed once, on first use or by {@link #prepare}, and then reused.
 * The payloads carry no framing: each transport frames them on its way out, without copying them.
 * Thread-safe. The bytes must never be modified.
 */
public final class Outbound {

    private final Message message;
    private final Message lineMessage;
    private final WireCodec codec;
    private volatile byte[] json;
    private volatile byte[] line;

    public Outbound(Message message, WireCodec codec) {
        this(message, message, codec);
    }

    /** A message whose line form is made from {@code lineMessage} rather than from {@code message}. */
    public Outbound(Message message, Message lineMessage, WireCodec codec) {
        this.message = message;
        this.lineMessage = lineMessage;
        this.codec = codec;
    }

    /**
     * This message with {@code message} as its JSON form, already encoded as {@code json}, and the same
     * line form (encoded already or not). For a caller that adds a few fields to the encoded bytes
     * itself, under a lock, instead of encoding there: a room stamps its pushes so. The caller vouches
     * that {@code json} is what the codec makes of {@code message}, and neither may change afterwards.
     */
    public Outbound withJson(Message message, byte[] json) {
        Outbound twin = new Outbound(message, lineMessage, codec);
        twin.json = json;
        twin.line = line;
        return twin;
    }

    /** The message, as JSON sessions get it. */
    public Message message() {
        return message;
    }

    /** The message line sessions get, in its legacy shape: {@link #message()} unless built with another. */
    public Message lineMessage() {
        return lineMessage;
    }

    /**
     * Encodes the payloads now, so that a caller about to take a lock (a room's) does not pay for the
     * encoding under it. {@code line} is optional: a room with no legacy member never needs it.
     */
    public Outbound prepare(boolean withLine) {
        if (json == null) {
            encode(PayloadForm.JSON);
        }
        if (withLine && line == null) {
            encode(PayloadForm.LINE);
        }
        return this;
    }

    /**
     * The encoded payload for a connection of the given form.
     *
     * <p>Encoding on a miss is left to {@link #encode}, and {@link #prepare} calls that directly: a
     * broadcast, prepared before its room's lock, then never takes the miss here, and the JIT compiles a
     * room's delivery loop without the encoder inlined into it (with it, that one compilation took 0.8 s
     * of a C2 thread in the first seconds of a busy room: docs/PERFORMANCE.md).
     */
    public byte[] payload(PayloadForm form) {
        byte[] bytes = form == PayloadForm.JSON ? json : line;
        return bytes != null ? bytes : encode(form);
    }

    /** Encodes the payload of {@code form} once, whichever thread asks first. */
    private synchronized byte[] encode(PayloadForm form) {
        if (form == PayloadForm.JSON) {
            if (json == null) {
                json = codec.encode(message, PayloadForm.JSON);
            }
            return json;
        }
        if (line == null) {
            line = codec.encode(lineMessage, PayloadForm.LINE);
        }
        return line;
    }
}
