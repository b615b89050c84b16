package parley.api;

/**
 * Names of the kernel's protocol messages, shared by the server features and the clients. Each one
 * is documented in {@code docs/PROTOCOL.md}. Features name their own verbs in their own modules.
 */
public final class Verbs {

    // replies
    public static final String OK = "OK";
    public static final String KO = "KO";
    public static final String ERROR = "ERROR";

    // kernel
    public static final String PING = "PING";
    public static final String PONG = "PONG";
    public static final String SHUTDOWN = "SHUTDOWN";

    // identity: LOGIN is answered by DISPLAY_ROOM (the protocol's name), which the rooms plugin fills in
    public static final String LOGIN = "LOGIN";
    public static final String DISPLAY_ROOM = "DISPLAY_ROOM";

    // sequences (Story 6)
    public static final String BEGIN_SEQUENCE = "BEGIN_SEQUENCE";
    public static final String ACK = "ACK";
    public static final String COMPLETE = "COMPLETE";
    /**
     * A push telling a sequence's participants how it ended. Its {@code seq} is the sequence's server
     * id, the same id participants answer with, so it is never taken as the reply to such an answer.
     */
    public static final String SEQUENCE_RESULT = "SEQUENCE_RESULT";

    private Verbs() {
    }
}
