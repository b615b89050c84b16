package parley.transport.tcp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.transport.ClientConnection;
import parley.api.wire.BinaryFrame;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * A framed client connection over a plain socket: writes under a lock, reads on a virtual thread.
 */
final class TcpClientConnection implements ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TcpClientConnection.class);

    private final Socket socket;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final WireCodec codec;
    private final ClientConnection.Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TcpClientConnection(Socket socket, int maxFrameBytes, ClientConnection.Listener listener) throws IOException {
        this.socket = socket;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
        this.codec = WireCodec.basic(maxFrameBytes);
        this.listener = listener;
    }

    static TcpClientConnection start(Socket socket, int maxFrameBytes, ClientConnection.Listener listener)
            throws IOException {
        TcpClientConnection connection = new TcpClientConnection(socket, maxFrameBytes, listener);
        Thread.ofVirtual().name("parley-client-reader").start(connection::readLoop);
        return connection;
    }

    @Override
    public void send(Message message) throws IOException {
        byte[] frame = codec.encodeFrame(message);
        writeLock.lock();
        try {
            out.write(frame);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void sendBinary(String tag, byte[] data, int offset, int length) throws IOException {
        byte[] header = BinaryFrame.header(tag, length);
        writeLock.lock();
        try {
            out.write(header); // into the buffer; the data, larger than it, then goes straight to the socket
            out.write(data, offset, length);
            out.flush();
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing the socket failed", e);
        }
    }

    private void binary(byte[] payload, int size) {
        try {
            BinaryFrame.Parsed parsed = BinaryFrame.parse(payload, 0, size);
            listener.receivedBinary(parsed.tag(), payload, parsed.dataOffset(), parsed.dataLength());
        } catch (ProtocolException e) {
            LOG.warn("ignoring a bad binary frame from the server: {}", e.reason());
        } catch (RuntimeException e) {
            LOG.warn("a listener failed on binary data", e);
        }
    }

    private void readLoop() {
        String reason = "the server closed the connection";
        byte[] buffer = new byte[16 * 1024]; // reused for every frame: messages and data are read from it during the call only
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 16 * 1024))) {
            while (true) {
                long length;
                try {
                    length = Integer.toUnsignedLong(in.readInt());
                } catch (EOFException e) {
                    break;
                }
                if (length > codec.maxFrameBytes()) {
                    reason = "the server sent a frame of " + length + " bytes, over this client's limit of "
                            + codec.maxFrameBytes();
                    break;
                }
                int size = (int) length;
                if (buffer.length < size) {
                    buffer = new byte[Math.max(size, Math.min(2 * buffer.length, codec.maxFrameBytes()))];
                }
                in.readFully(buffer, 0, size);
                if (BinaryFrame.isBinary(buffer, 0, size)) {
                    binary(buffer, size);
                    continue;
                }
                Message message;
                try {
                    message = codec.decodeFrame(buffer, 0, size);
                } catch (ProtocolException e) {
                    LOG.warn("ignoring a bad frame from the server: {}", e.reason());
                    continue;
                }
                try {
                    listener.received(message);
                } catch (RuntimeException e) {
                    LOG.warn("a listener failed on {}", message.type(), e);
                }
            }
        } catch (IOException e) {
            reason = socket.isClosed() ? "closed by this client" : "connection lost: " + e.getMessage();
        } finally {
            closed.set(true);
            close();
            listener.closed(reason);
        }
    }
}
