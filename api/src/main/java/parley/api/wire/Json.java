package parley.api.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kernel's JSON, set up for hostile input, behind a few static helpers.
 *
 * <p>Nesting is capped (a deeply nested payload would otherwise cost stack on a virtual thread),
 * duplicate keys are refused (so {@code {"type":"MSG","type":"LOGIN"}} cannot mean two things)
 * and trailing tokens after the object are refused. The mapper itself is not exposed: nothing a plugin
 * does can change how the kernel reads and writes JSON. Thread-safe.
 */
public final class Json {

    /** Deepest nesting a payload may have. */
    public static final int MAX_NESTING_DEPTH = 64;

    /** How many idle buffer sets are kept for parsers and generators ({@link RecyclerSlots}). */
    static final int RECYCLER_SLOTS = 16;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .recyclerPool(new RecyclerSlots(RECYCLER_SLOTS))
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /**
     * Parses JSON text with the kernel's limits.
     *
     * @throws JacksonException for text that is not JSON or breaks a limit
     */
    public static JsonNode parse(byte[] bytes, int offset, int length) {
        return MAPPER.readTree(bytes, offset, length);
    }

    /** As {@link #parse(byte[], int, int)}, for the whole array. */
    public static JsonNode parse(byte[] bytes) {
        return MAPPER.readTree(bytes);
    }

    /** As {@link #parse(byte[], int, int)}, for a string. */
    public static JsonNode parse(String text) {
        return MAPPER.readTree(text);
    }

    /** The node as compact UTF-8 JSON. */
    public static byte[] bytes(JsonNode node) {
        return MAPPER.writeValueAsBytes(node);
    }
}
