package parley.api.wire;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import parley.api.Message;
import parley.api.PayloadForm;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns payloads into {@link Message}s and back, in both payload forms. It never frames: transports
 * add and strip their own framing.
 *
 * <p>It knows the largest payload a peer may send and, through a lookup its owner gives it, the legacy
 * shape of every message type the server's plugins declared (the server's owner changes what the lookup
 * answers as plugins come and go; the codec itself has no mutator). Thread-safe; one instance serves a
 * whole server.
 */
public final class WireCodec {

    private final int maxFrameBytes;
    private final Function<String, LegacyShape> shapes;

    /**
     * @param shapes the legacy shape of a message type, or {@code null}; called on any thread, must be
     *               fast and thread-safe
     */
    public WireCodec(int maxFrameBytes, Function<String, LegacyShape> shapes) {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("max-frame-bytes must be at least 64, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.shapes = shapes;
    }

    /** A codec with a fixed set of shapes; where two share a type, the first wins. */
    public static WireCodec of(int maxFrameBytes, Collection<LegacyShape> shapes) {
        Map<String, LegacyShape> byType = new LinkedHashMap<>();
        for (LegacyShape shape : shapes) {
            byType.putIfAbsent(shape.type(), shape);
        }
        Map<String, LegacyShape> fixed = Map.copyOf(byType);
        return new WireCodec(maxFrameBytes, fixed::get);
    }

    /** A codec that knows only the kernel's own messages (OK, KO, ERROR, ...). */
    public static WireCodec basic(int maxFrameBytes) {
        return of(maxFrameBytes, KernelShapes.ALL);
    }

    /** Largest payload, or legacy line, a peer may send. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public Optional<LegacyShape> shape(String type) {
        return Optional.ofNullable(shapes.apply(type));
    }

    /**
     * Decodes one framed payload.
     *
     * @throws ProtocolException (recoverable) for bad UTF-8, bad JSON, a non-object or a bad {@code type}
     */
    public Message decodeFrame(byte[] buf, int offset, int length) throws ProtocolException {
        if (length == 0) {
            throw ProtocolException.recoverable("empty payload: a frame holds a JSON object with a string \"type\"");
        }
        int bad = Utf8.firstInvalid(buf, offset, length);
        if (bad >= 0) {
            throw ProtocolException.recoverable("payload is not valid UTF-8 (bad byte at offset " + (bad - offset) + ")");
        }
        JsonNode node;
        try {
            node = Json.parse(buf, offset, length);
        } catch (JacksonException e) {
            throw ProtocolException.recoverable("payload is not valid JSON: " + brief(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            String kind = node == null || node.isMissingNode() ? "nothing" : node.getNodeType().name().toLowerCase();
            throw ProtocolException.recoverable("payload must be a JSON object with a string \"type\", got " + kind);
        }
        JsonNode type = node.get(Message.TYPE);
        if (type == null) {
            throw ProtocolException.recoverable("payload has no \"type\": add one, like {\"type\":\"LOGIN\",\"pseudo\":\"alice\"}");
        }
        if (!type.isString() || type.stringValue().isEmpty()) {
            throw ProtocolException.recoverable("\"type\" must be a non-empty string, got " + brief(type.toString()));
        }
        return Message.wrap((ObjectNode) node);
    }

    /**
     * Decodes one legacy line (without its {@code \n}). A verb with no declared shape decodes to a
     * message with only its type, so the dispatcher can answer that it is unknown.
     *
     * @throws ProtocolException (recoverable) for bad UTF-8, a bad verb, bad quoting or a wrong argument count
     */
    public Message decodeLine(byte[] buf, int offset, int length) throws ProtocolException {
        int bad = Utf8.firstInvalid(buf, offset, length);
        if (bad >= 0) {
            throw ProtocolException.recoverable("line is not valid UTF-8 (bad byte at column " + (bad - offset + 1) + ")");
        }
        LegacyLine.Parsed parsed = LegacyLine.parse(new String(buf, offset, length, StandardCharsets.UTF_8));
        LegacyShape shape = shapes.apply(parsed.verb());
        return shape == null ? Message.of(parsed.verb()) : shape.toMessage(parsed.args());
    }

    /** The message's payload in the given form, without any framing. */
    public byte[] encode(Message message, PayloadForm form) {
        return form == PayloadForm.JSON ? Json.bytes(message.body()) : encodeLine(message);
    }

    /**
     * The message as a legacy line with its {@code \n}; a type with no shape, or a message its shape
     * does not {@linkplain LegacyShape#fits fit} (a reply with other fields than its request), lists all
     * its fields.
     */
    private byte[] encodeLine(Message message) {
        LegacyShape shape = shapes.apply(message.type());
        var args = shape != null && shape.fits(message) ? shape.toArgs(message) : LegacyShape.genericArgs(message);
        return LegacyLine.render(message.type(), args).getBytes(StandardCharsets.UTF_8);
    }

    private static String brief(String text) {
        if (text == null) {
            return "(no detail)";
        }
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
