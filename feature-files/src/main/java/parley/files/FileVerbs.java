package parley.files;

/**
 * The message types and fields of the files plugin, shared by the server, the client and the tests.
 * Each message is documented in {@code docs/PROTOCOL.md}.
 */
public final class FileVerbs {

    /** Framed: starts an upload sequence, inline ({@code data}) or chunked (binary frames tagged with the ACK's id). */
    public static final String SEND_FILE = "SEND_FILE";
    /** Framed: ends the chunks of an upload; its {@code seq} is the upload's sequence id. */
    public static final String SEND_FILE_END = "SEND_FILE_END";
    /** Both forms: a one-step inline upload (the text protocol's verb), and the offer pushed to a room. */
    public static final String FILE = "FILE";
    /** Both forms: a download, streamed in binary frames (framed) or inline in one FILE line (legacy). */
    public static final String GET_FILE = "GET_FILE";
    /** Both forms: the files offered in a room. */
    public static final String FILES = "FILES";

    private FileVerbs() {
    }
}
