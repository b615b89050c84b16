package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The reader of one connection, on a virtual thread: choose the protocol from the first bytes and let it
 * serve the connection (see {@link ProtocolSelector}); then close it and read what the peer still sends
 * until it closes too, so the close does not reset the connection under its last unread answer. While
 * the connection is idle, a kernel protocol's read loop may stop ({@link ReadLoop}): the thread ends, and
 * the poller starts a new one running this reader again when bytes come or the socket closes.
 */
final class ConnectionReader implements Runnable {

    private final TcpTransport transport;
    private final TcpConnection connection;
    private final ProtocolSelector selector;
    /** The socket's own stream, which the read loop of an idle connection is left on between turns. */
    private final TcpStream stream;

    ConnectionReader(TcpTransport transport, TcpConnection connection, ProtocolSelector selector) {
        this.transport = transport;
        this.connection = connection;
        this.selector = selector;
        this.stream = TcpStream.of(connection, selector);
    }

    /**
     * Serves the connection until it ends; or, when its read loop stopped while idle, ends this thread
     * and lets the poller start a new one on the next bytes, which goes on from there (this method again).
     */
    @Override
    public void run() {
        while (turn()) {
            if (connection.socket().resumeWhenReadable(this)) {
                return;
            }
            // closed meanwhile: go on here, where the loop's next read sees it
        }
    }

    /** Serves the connection until it ends (false) or its read loop stops while idle (true). */
    private boolean turn() {
        String reason = "the client closed the connection";
        DeferredWriters writers = DeferredWriters.open(transport.awakeReaders());
        boolean idle = false;
        transport.readerThreads().increment();
        try {
            ReadLoop loop = stream.takeStopped();
            if (loop == null) {
                selector.select(stream);
            } else {
                loop.run();
            }
            idle = stream.hasStopped();
            if (!connection.selecting()) {
                reason = "the " + connection.protocol() + " protocol is done with the connection";
            }
        } catch (IOException | RuntimeException e) {
            reason = CloseReasons.of(e, connection);
        } finally {
            writers.close(); // what this reader's last frames queued is written
            if (!idle) {
                connection.close(reason); // idempotent: the first reason stays
                discardUntilEnd();
                connection.readerDone();
                transport.remove(connection);
            }
            transport.readerThreads().decrement();
        }
        return idle; // the stopped loop stays on the stream for the next turn, on whichever thread
    }

    /**
     * Reads and drops whatever the peer still sends, until it closes or the closer gives up and closes
     * the socket.
     */
    private void discardUntilEnd() {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        try {
            while (connection.socket().read(sink.clear()) >= 0) {
                // dropping input
            }
        } catch (IOException e) {
            // the socket closed: done
        }
    }
}
