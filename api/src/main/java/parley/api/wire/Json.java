package parley.api.wire;

import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper of the kernel, set up for hostile input.
 *
 * <p>Nesting is capped (a deeply nested payload would otherwise cost stack on a virtual thread),
 * duplicate keys are refused (so {@code {"type":"MSG","type":"LOGIN"}} cannot mean two things)
 * and trailing tokens after the object are refused. The mapper is immutable and thread-safe.
 */
public final class Json {

    /** Deepest nesting a payload may have. */
    public static final int MAX_NESTING_DEPTH = 64;

    public static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
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
}
