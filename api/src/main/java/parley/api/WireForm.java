package parley.api;

/**
 * The two forms a connection can speak. A server tells them apart by the first byte a
 * connection sends, and answers each connection in its own form.
 */
public enum WireForm {
    /** {@code [uint32 big-endian length][UTF-8 JSON object with a "type"]}. */
    FRAMED,
    /** One UTF-8 line per message: {@code VERB "arg" "arg"}, ending with {@code \n}. */
    LEGACY
}
