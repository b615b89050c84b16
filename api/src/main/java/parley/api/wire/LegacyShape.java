package parley.api.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import parley.api.Message;
import tools.jackson.databind.JsonNode;

/**
 * How one message type maps between a legacy line and JSON fields: the field names of its
 * arguments, in order.
 *
 * <p>An argument spec is a field name, optionally ending in {@code ?} (may be left out, only after
 * the required ones) or {@code ...} (takes the rest of the arguments as a JSON array, only last).
 * For example {@code MSG} is {@code ["room", "pseudo", "msg"]} and {@code DISPLAY_ROOM} is
 * {@code ["rooms..."]}. Immutable and thread-safe.
 */
public record LegacyShape(String type, List<Arg> args) {

    /** One argument: its JSON field and how many values it takes. */
    public record Arg(String field, boolean optional, boolean variadic) {
    }

    public LegacyShape {
        args = List.copyOf(args);
        boolean seenOptional = false;
        for (int i = 0; i < args.size(); i++) {
            Arg arg = args.get(i);
            if (arg.variadic() && i != args.size() - 1) {
                throw new IllegalArgumentException(type + ": only the last argument may end in '...'");
            }
            if (!arg.optional() && !arg.variadic() && seenOptional) {
                throw new IllegalArgumentException(type + ": required argument '" + arg.field()
                        + "' comes after an optional one");
            }
            seenOptional |= arg.optional() || arg.variadic();
        }
    }

    /** Builds a shape from argument specs such as {@code "room"}, {@code "pseudo?"}, {@code "rooms..."}. */
    public static LegacyShape of(String type, List<String> specs) {
        List<Arg> args = new ArrayList<>(specs.size());
        for (String spec : specs) {
            if (spec.endsWith("...")) {
                args.add(new Arg(name(type, spec.substring(0, spec.length() - 3)), true, true));
            } else if (spec.endsWith("?")) {
                args.add(new Arg(name(type, spec.substring(0, spec.length() - 1)), true, false));
            } else {
                args.add(new Arg(name(type, spec), false, false));
            }
        }
        return new LegacyShape(type, args);
    }

    private static String name(String type, String field) {
        if (field.isEmpty() || field.equals(Message.TYPE) || field.equals(Message.SEQ)) {
            throw new IllegalArgumentException(type + ": bad legacy argument name '" + field + "'");
        }
        return field;
    }

    /** How to write this message as a legacy line, for help and error texts. */
    public String usage() {
        StringBuilder out = new StringBuilder(type);
        for (Arg arg : args) {
            out.append(' ');
            if (arg.variadic()) {
                out.append('"').append(arg.field()).append("\"...");
            } else if (arg.optional()) {
                out.append("[\"").append(arg.field()).append("\"]");
            } else {
                out.append('"').append(arg.field()).append('"');
            }
        }
        return out.toString();
    }

    /**
     * Builds the message from a line's arguments.
     *
     * @throws ProtocolException (recoverable) when there are too few or too many, with the usage
     */
    public Message toMessage(List<String> values) throws ProtocolException {
        int required = (int) args.stream().filter(a -> !a.optional()).count();
        boolean variadic = !args.isEmpty() && args.get(args.size() - 1).variadic();
        if (values.size() < required || (!variadic && values.size() > args.size())) {
            throw ProtocolException.recoverable(type + " takes " + describeCount(required, variadic)
                    + ", got " + values.size() + ": use " + usage());
        }
        Message message = Message.of(type);
        for (int i = 0; i < args.size(); i++) {
            Arg arg = args.get(i);
            if (arg.variadic()) {
                message.put(arg.field(), values.subList(Math.min(i, values.size()), values.size()));
            } else if (i < values.size()) {
                message.put(arg.field(), values.get(i));
            }
        }
        return message;
    }

    private String describeCount(int required, boolean variadic) {
        if (variadic) {
            return "at least " + required + " argument" + (required == 1 ? "" : "s");
        }
        if (required == args.size()) {
            return required + " argument" + (required == 1 ? "" : "s");
        }
        return required + " to " + args.size() + " arguments";
    }

    /**
     * True when this shape says how to write the message as a line: the shape takes no arguments (its
     * line is the bare type, as {@code OK}: extra fields are for JSON clients), the message has no field
     * but {@code type} and {@code seq}, or it has at least one field the shape names. A reply of the same
     * type as its request with other fields (the README's {@code HELLO "name"} answered with
     * {@code {"text":..}}) does not fit; it is written generically, so that no field is dropped.
     */
    public boolean fits(Message message) {
        if (args.isEmpty()) {
            return true;
        }
        boolean anyField = false;
        for (Map.Entry<String, JsonNode> field : message.body().properties()) {
            String key = field.getKey();
            if (key.equals(Message.TYPE) || key.equals(Message.SEQ)) {
                continue;
            }
            anyField = true;
            for (Arg arg : args) {
                if (arg.field().equals(key)) {
                    return true;
                }
            }
        }
        return !anyField;
    }

    /** The line's arguments for this message. A missing trailing optional field ends the list. */
    public List<String> toArgs(Message message) {
        List<String> out = new ArrayList<>(args.size());
        for (Arg arg : args) {
            JsonNode value = message.get(arg.field());
            if (value == null || value.isNull()) {
                if (arg.optional()) {
                    break;
                }
                out.add("");
            } else if (arg.variadic() && value.isArray()) {
                value.forEach(item -> out.add(asArgument(item)));
            } else {
                out.add(asArgument(value));
            }
        }
        return out;
    }

    /**
     * The arguments of a message type that declared no shape: every field but {@code type} and
     * {@code seq}, in order, with arrays spread out.
     */
    public static List<String> genericArgs(Message message) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : message.body().properties()) {
            if (field.getKey().equals(Message.TYPE) || field.getKey().equals(Message.SEQ)) {
                continue;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                value.forEach(item -> out.add(asArgument(item)));
            } else if (!value.isNull()) {
                out.add(asArgument(value));
            }
        }
        return out;
    }

    private static String asArgument(JsonNode value) {
        if (value.isString()) {
            return value.stringValue();
        }
        return value.isValueNode() ? value.asString() : value.toString();
    }
}
