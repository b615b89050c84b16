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

    /** The client's address. Any thread; never blocks or throws. */
    InetSocketAddress remoteAddress();

    /** True when a layer below already encrypts the bytes. Any thread; never blocks or throws. */
    boolean secure();

    /** The layers so far, e.g. {@code tcp}, or {@code tls/tcp} under a layer; a session's protocol adds its own. */
    String protocol();

    /**
     * Runs the protocol selection again on an unwrapped stream and serves the result, on the calling
     * thread; returns when that inner connection is done. {@code inner} reads the unwrapped bytes (those
     * already unwrapped first) and writes by wrapping them; it must be blocking. The inner session's
     * protocol is {@code layer + "/" + protocol()} followed by its own name, and it is secure when this
     * stream is or when {@code secure} is true.
     *
     * <p>Called on the thread that runs {@link ConnectionProtocol#serve}; blocks while the inner
     * connection lives. A session that the inner protocol opens reports its own end to the kernel; what
     * {@code inner} throws comes back from here, after the inner protocol has let go of the connection.
     *
     * @throws IOException when {@code inner} fails
     */
    void selectAgain(ByteChannel inner, String layer, boolean secure) throws IOException;

    /**
     * Reads what is there, at least one byte, blocking until it comes; the head already read comes first.
     *
     * @return -1 at the end of the stream
     * @throws IOException when the connection fails or is closed (say, at the first-bytes timeout)
     */
    @Override
    int read(ByteBuffer target) throws IOException;

    /** Writes, blocking while the socket is full; throws {@link IOException} when the connection failed. */
    @Override
    int write(ByteBuffer source) throws IOException;
}
