package parley.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One protocol message: a JSON object whose string field {@code type} names it.
 *
 * <p>Both wire forms decode to a {@code Message}: a framed payload as it is, a legacy line through
 * the verb's declared argument names. A message is built with the fluent {@code put} methods by one
 * thread; once handed to {@link Session#send(Message)} or a broadcast it must not be changed,
 * because its encoded bytes may already be shared.
 */
public final class Message {

    public static final String TYPE = "type";
    public static final String SEQ = "seq";

    private final ObjectNode body;

    private Message(ObjectNode body) {
        this.body = body;
    }

    /** A new message of the given type. */
    public static Message of(String type) {
        ObjectNode body = Json.object();
        body.put(TYPE, Objects.requireNonNull(type, "type"));
        return new Message(body);
    }

    /**
     * Wraps a decoded JSON object. The caller has checked that {@code type} is a string.
     *
     * @throws IllegalArgumentException if it is not
     */
    public static Message wrap(ObjectNode body) {
        JsonNode type = body.get(TYPE);
        if (type == null || !type.isString()) {
            throw new IllegalArgumentException("a message needs a string field 'type'");
        }
        return new Message(body);
    }

    public String type() {
        return body.get(TYPE).stringValue();
    }

    /** The correlation id the sender chose, or {@code null}. An int or a string on the wire. */
    public JsonNode seq() {
        return body.get(SEQ);
    }

    public boolean has(String field) {
        return body.hasNonNull(field);
    }

    /** The field, or {@code null} when absent. */
    public JsonNode get(String field) {
        return body.get(field);
    }

    /** The field's string value, or {@code null} when it is absent or not a string. */
    public String text(String field) {
        JsonNode node = body.get(field);
        return node != null && node.isString() ? node.stringValue() : null;
    }

    /** The field as a list of strings; an absent field gives an empty list, non-strings are skipped. */
    public List<String> texts(String field) {
        JsonNode node = body.get(field);
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            for (JsonNode item : node) {
                if (item.isString()) {
                    out.add(item.stringValue());
                }
            }
        }
        return out;
    }

    /** The field as a long, or {@code fallback} when it is absent or not an integral number. */
    public long number(String field, long fallback) {
        JsonNode node = body.get(field);
        return node != null && node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : fallback;
    }

    /** The JSON object itself. Read it freely; change it only while building. */
    public ObjectNode body() {
        return body;
    }

    public Message put(String field, String value) {
        body.put(field, value);
        return this;
    }

    public Message put(String field, long value) {
        body.put(field, value);
        return this;
    }

    public Message put(String field, boolean value) {
        body.put(field, value);
        return this;
    }

    public Message put(String field, JsonNode value) {
        body.set(field, value);
        return this;
    }

    public Message put(String field, Collection<String> values) {
        ArrayNode array = body.putArray(field);
        values.forEach(array::add);
        return this;
    }

    /** Copies {@code seq} from the request this message answers, if it had one. */
    public Message replyTo(Message request) {
        JsonNode seq = request.seq();
        if (seq != null) {
            body.set(SEQ, seq);
        }
        return this;
    }

    public Message copy() {
        return new Message(body.deepCopy());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Message m && m.body.equals(body);
    }

    @Override
    public int hashCode() {
        return body.hashCode();
    }

    /** The message as compact JSON. */
    @Override
    public String toString() {
        return body.toString();
    }
}
