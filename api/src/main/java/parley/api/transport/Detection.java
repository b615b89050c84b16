package parley.api.transport;

/** A {@link ConnectionProtocol}'s answer to a connection's first bytes. */
public enum Detection {
    /** These bytes start this protocol: the connection is handed to it (unless one asked first still needs more). */
    MATCH,
    /** These bytes are not this protocol. */
    NO_MATCH,
    /** Too few bytes to tell: the transport reads more, within its head limit and first-bytes timeout. */
    NEED_MORE
}
