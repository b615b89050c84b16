package parley.api;

/**
 * How a message's payload is encoded, whatever carries it. The kernel encodes a message at most once
 * per payload form and shares the bytes; each transport adds its own framing around them.
 *
 * <p>These are the two encodings of the message model that the protocol defines: a JSON object (what
 * the framed form carries after its 4-byte length, and what a WebSocket text message carries) and a
 * legacy line. A protocol that speaks something else translates in its transport. Why a closed enum
 * and not an open set is written down in {@code docs/ARCHITECTURE.md}.
 */
public enum PayloadForm {
    /** A UTF-8 JSON object with a string {@code type}, without any length or framing. */
    JSON,
    /** One UTF-8 line {@code VERB "arg" "arg"}, with its ending {@code \n}. */
    LINE
}
