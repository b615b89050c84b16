package parley.api.wire;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import parley.api.Message;
import parley.api.WireForm;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns bytes into {@link Message}s and back, in both wire forms.
 *
 * <p>It knows the largest frame a peer may send and the legacy shape of every message type the
 * server's plugins declared. Thread-safe; one instance serves a whole server. Its shapes are replaced
 * as a whole when plugins are loaded or unloaded while the server runs.
 */
public final class WireCodec {

    private final int maxFrameBytes;
    private volatile Map<String, LegacyShape> shapes;

    public WireCodec(int maxFrameBytes, Collection<LegacyShape> shapes) {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("max-frame-bytes must be at least 64, got " + maxFrameBytes);
        }
        this.maxFrameBytes = maxFrameBytes;
        replaceShapes(shapes);
    }

    /** Replaces every shape; where two share a type, the first wins. */
    public void replaceShapes(Collection<LegacyShape> shapes) {
        Map<String, LegacyShape> byType = new LinkedHashMap<>();
        for (LegacyShape shape : shapes) {
            byType.putIfAbsent(shape.type(), shape);
        }
        this.shapes = Map.copyOf(byType);
    }

    /** A codec that knows only the kernel's own messages (OK, KO, ERROR, ...). */
    public static WireCodec basic(int maxFrameBytes) {
        return new WireCodec(maxFrameBytes, KernelShapes.ALL);
    }

    /** Largest payload, or legacy line, a peer may send. */
    public int maxFrameBytes() {
        return maxFrameBytes;
    }

    public Optional<LegacyShape> shape(String type) {
        return Optional.ofNullable(shapes.get(type));
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
            node = Json.MAPPER.readTree(buf, offset, length);
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
        LegacyShape shape = shapes.get(parsed.verb());
        return shape == null ? Message.of(parsed.verb()) : shape.toMessage(parsed.args());
    }

    public byte[] encode(Message message, WireForm form) {
        return form == WireForm.FRAMED ? encodeFrame(message) : encodeLine(message);
    }

    /** The message as a frame: length header, then compact JSON. */
    public byte[] encodeFrame(Message message) {
        return Frames.frame(Json.MAPPER.writeValueAsBytes(message.body()));
    }

    /** The message as a legacy line with its {@code \n}; a type with no shape lists all its fields. */
    public byte[] encodeLine(Message message) {
        LegacyShape shape = shapes.get(message.type());
        var args = shape != null ? shape.toArgs(message) : LegacyShape.genericArgs(message);
        return LegacyLine.render(message.type(), args).getBytes(StandardCharsets.UTF_8);
    }

    private static String brief(String text) {
        if (text == null) {
            return "(no detail)";
        }
        return text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }
}
