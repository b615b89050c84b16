package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reader thread of one connection, a virtual thread: choose the protocol from the first bytes and
 * let it serve the connection (see {@link ProtocolSelector}); then close it and read what the peer still
 * sends until it closes too, so the close does not reset the connection under its last unread answer.
 */
final class ConnectionReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReader.class);

    private final TcpTransport transport;
    private final TcpConnection connection;
    private final ProtocolSelector selector;

    ConnectionReader(TcpTransport transport, TcpConnection connection, ProtocolSelector selector) {
        this.transport = transport;
        this.connection = connection;
        this.selector = selector;
    }

    @Override
    public void run() {
        String reason = "the client closed the connection";
        DeferredWriters writers = DeferredWriters.open();
        try {
            selector.select(TcpStream.of(connection, selector));
            if (!connection.selecting()) {
                reason = "the " + connection.protocol() + " protocol is done with the connection";
            }
        } catch (ClosedChannelException e) {
            reason = "connection closed";
        } catch (IOException e) {
            reason = "read failed: " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn("reader of {} failed", connection, e);
            reason = "internal error: " + e;
        } finally {
            writers.close(); // what this reader's last frames queued is written
            connection.close(reason); // idempotent: the first reason stays
            discardUntilEnd();
            connection.readerDone();
            transport.remove(connection);
        }
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
