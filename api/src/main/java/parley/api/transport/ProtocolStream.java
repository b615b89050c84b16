package parley.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;

/**
 * A connection as a byte stream, for the {@link ConnectionProtocol} that matched it: the head bytes
 * already read come back first from {@link #read}, then the rest. Blocking. Read it on the thread
 * that called {@link ConnectionProtocol#serve} only; {@link #write} is safe from any one thread at a
 * time. {@link #close()} closes the connection.
 */
public interface ProtocolStream extends ByteChannel {

    InetSocketAddress remoteAddress();

    /** True when a layer below already encrypts the bytes. */
    boolean secure();

    /** The layers so far, from the outside in, e.g. {@code tcp}; a session's protocol adds its own. */
    String protocol();

    /**
     * Runs the protocol selection again on an unwrapped stream and serves the result, on the calling
     * thread; returns when that inner connection is done. {@code inner} reads the unwrapped bytes (those
     * already unwrapped first) and writes by wrapping them; it must be blocking. The inner session's
     * protocol is {@code layer + "/" + protocol()} followed by its own name, and it is secure when this
     * stream is or when {@code secure} is true.
     *
     * @throws IOException when {@code inner} fails
     */
    void selectAgain(ByteChannel inner, String layer, boolean secure) throws IOException;

    @Override
    int read(ByteBuffer target) throws IOException;

    @Override
    int write(ByteBuffer source) throws IOException;
}
