package parley.transport.tcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;

import parley.api.transport.ProtocolStream;

/**
 * One connection as a byte stream at one layer: the socket itself ({@code tcp}), or what a wrapping
 * protocol unwrapped (say {@code tls/tcp}). Reads replay the head the selection read, then go to the
 * layer's channel. Owned by the connection's reader thread; writes are the layer's.
 */
final class TcpStream implements ProtocolStream {

    private final TcpConnection connection;
    private final ByteChannel channel;
    private final GatheringByteChannel outbound;
    private final String protocol;
    private final boolean secure;
    private final ProtocolSelector selector;
    /** Shared by every stream with nothing pushed back: it has no bytes, so nothing ever moves it. */
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private ByteBuffer pushedBack = NOTHING;
    /** The next read may end with {@link ReaderStopped} rather than a byte: see {@link #mayStopAtNextRead}. */
    private boolean mayStop;
    /** The read loop that stopped while idle, until its connection's reader takes it to go on. */
    private ReadLoop stopped;

    private TcpStream(TcpConnection connection, ByteChannel channel, GatheringByteChannel outbound, String protocol,
                      boolean secure, ProtocolSelector selector) {
        this.connection = connection;
        this.channel = channel;
        this.outbound = outbound;
        this.protocol = protocol;
        this.secure = secure;
        this.selector = selector;
    }

    /** The socket's own stream: layer {@code tcp}, not secure. */
    static TcpStream of(TcpConnection connection, ProtocolSelector selector) {
        return new TcpStream(connection, connection.socket(), connection.socket(), "tcp", false, selector);
    }

    TcpConnection connection() {
        return connection;
    }

    /** Where payloads of a session at this layer are written: gathering, straight to the socket at {@code tcp}. */
    GatheringByteChannel outbound() {
        return outbound;
    }

    /** Makes {@code head} the first bytes that {@link #read} returns. */
    void pushBack(ByteBuffer head) {
        pushedBack = head;
    }

    /**
     * Lets the next read end with {@link ReaderStopped} if it waits long for the socket
     * ({@link PolledSocket#readOrStop}), when this stream is the socket's own (layers keep their thread):
     * called by a read loop that holds no part of a message, and that can go on later on a new thread
     * from where it is. Only that read: the flag is gone after it.
     */
    void mayStopAtNextRead() {
        mayStop = channel instanceof PolledSocket;
    }

    /** Leaves the loop that stopped while idle, for the connection's reader to take on the next bytes. */
    void stopped(ReadLoop loop) {
        stopped = loop;
    }

    /** True when a loop stopped while idle and waits on this stream for the next turn. */
    boolean hasStopped() {
        return stopped != null;
    }

    /** The loop that stopped while idle, or {@code null}; forgets it. */
    ReadLoop takeStopped() {
        ReadLoop loop = stopped;
        stopped = null;
        return loop;
    }

    /** Reads from the layer's channel, not from what was pushed back: for the selection's head. */
    int readFresh(ByteBuffer target) throws IOException {
        return counted(channel.read(target));
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        boolean stop = mayStop;
        mayStop = false;
        if (pushedBack.hasRemaining()) {
            int n = Math.min(target.remaining(), pushedBack.remaining());
            target.put(target.position(), pushedBack, pushedBack.position(), n);
            target.position(target.position() + n);
            pushedBack.position(pushedBack.position() + n);
            if (!pushedBack.hasRemaining()) {
                pushedBack = NOTHING; // an idle connection keeps no head buffer
            }
            return n; // counted when it was first read
        }
        DeferredWriters writers = DeferredWriters.current();
        if (writers != null) {
            if (writers.holding() && channel instanceof PolledSocket socket) {
                int n = socket.readNow(target);
                if (n != 0) {
                    return counted(n); // more came already: what is held back waits for it (see frameDone)
                }
            }
            writers.flush(); // what the frames read so far queued goes out before the reader may wait
        }
        if (stop) {
            return counted(((PolledSocket) channel).readOrStop(target));
        }
        return counted(channel.read(target));
    }

    private int counted(int n) {
        if (n > 0) {
            connection.arrived(n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        return channel.write(source);
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public boolean secure() {
        return secure;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public void selectAgain(ByteChannel inner, String layer, boolean secure) throws IOException {
        connection.selecting(true);
        selector.select(new TcpStream(connection, inner, gathering(inner), layer + "/" + protocol,
                this.secure || secure, selector));
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen() && connection.isOpen();
    }

    /** Closes the connection, after what is queued. */
    @Override
    public void close() {
        connection.close("closed by its " + protocol + " protocol");
    }

    private static GatheringByteChannel gathering(ByteChannel channel) {
        if (channel instanceof GatheringByteChannel gathering) {
            return gathering;
        }
        return new GatheringByteChannel() {
            @Override
            public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
                long written = 0;
                for (int i = offset; i < offset + length; i++) {
                    while (sources[i].hasRemaining()) {
                        int n = channel.write(sources[i]);
                        if (n == 0) {
                            return written; // the layer takes no more now; the queue calls again
                        }
                        written += n;
                    }
                }
                return written;
            }

            @Override
            public long write(ByteBuffer[] sources) throws IOException {
                return write(sources, 0, sources.length);
            }

            @Override
            public int write(ByteBuffer source) throws IOException {
                return channel.write(source);
            }

            @Override
            public boolean isOpen() {
                return channel.isOpen();
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }
}
