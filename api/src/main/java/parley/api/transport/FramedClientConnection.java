package parley.api.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.BinaryFrame;
import parley.api.wire.FrameReader;
import parley.api.wire.FrameTooLongException;
import parley.api.wire.Frames;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * A framed client connection over a blocking byte stream, for connectors to build on: the TCP
 * connector gives it the socket itself, the TLS connector a channel that encrypts. It writes frames
 * under a lock, each in one gathering write (header, payload and data are never joined), and reads on
 * a virtual thread of its own through the kernel's {@link FrameReader}; with direct buffers, a file
 * chunk goes from the socket to its consumer with no copy in the JVM.
 *
 * <p><b>Threading.</b> {@code send} and {@code sendBinary} may be called from any thread and block
 * while the stream is full. The {@link ClientConnection.Listener} is called on the reader thread, in
 * order; a listener that throws is logged and the connection goes on. {@code closed} comes once.
 */
public final class FramedClientConnection implements ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(FramedClientConnection.class);

    /** A stream that reads and writes with gathering writes: a socket channel, or a layer over one. */
    private final ByteChannel channel;
    private final GatheringByteChannel writer;
    private final SocketChannel socket;
    private final boolean direct;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final WireCodec codec;
    private final ClientConnection.Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private <C extends ByteChannel & GatheringByteChannel> FramedClientConnection(C stream, SocketChannel socket,
            boolean direct, int maxFrameBytes, ClientConnection.Listener listener) {
        this.channel = stream;
        this.writer = stream;
        this.socket = socket;
        this.direct = direct;
        this.codec = WireCodec.basic(maxFrameBytes);
        this.listener = listener;
    }

    /**
     * Starts reading {@code stream} on a virtual thread of its own.
     *
     * @param stream        where frames are read and written: the socket itself, or a layer over it
     * @param socket        the socket under it, for the addresses
     * @param directBuffers read into direct buffers (a plain socket: no copy for file chunks)
     * @param maxFrameBytes largest frame accepted from the server; a bigger one closes the connection
     */
    public static <C extends ByteChannel & GatheringByteChannel> FramedClientConnection start(C stream,
            SocketChannel socket, boolean directBuffers, int maxFrameBytes, ClientConnection.Listener listener) {
        FramedClientConnection connection = new FramedClientConnection(stream, socket, directBuffers, maxFrameBytes,
                listener);
        Thread.ofVirtual().name("parley-client-reader").start(connection::readLoop);
        return connection;
    }

    @Override
    public void send(Message message) throws IOException {
        byte[] payload = codec.encode(message, PayloadForm.JSON);
        ByteBuffer[] frame = {ByteBuffer.wrap(Frames.header(payload.length)), ByteBuffer.wrap(payload)};
        writeLock.lock();
        try {
            while (frame[1].hasRemaining()) {
                writer.write(frame); // one gathering write: the header is not joined to the payload
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public void sendBinary(String tag, byte[] data, int offset, int length) throws IOException {
        byte[] head = BinaryFrame.head(tag);
        ByteBuffer[] frame = {ByteBuffer.wrap(Frames.header(head.length + length)), ByteBuffer.wrap(head),
                ByteBuffer.wrap(data, offset, length)};
        writeLock.lock();
        try {
            while (frame[2].hasRemaining()) {
                writer.write(frame); // one gathering write: header, head and data are not joined first
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.socket().getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.socket().getRemoteSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing the socket failed", e);
        }
    }

    private void binary(ByteBuffer payload) {
        try {
            String tag = BinaryFrame.parse(payload);
            listener.receivedBinary(tag, payload);
        } catch (ProtocolException e) {
            LOG.warn("ignoring a bad binary frame from the server: {}", e.reason());
        } catch (RuntimeException e) {
            LOG.warn("a listener failed on binary data", e);
        }
    }

    private void readLoop() {
        String reason = "the server closed the connection";
        FrameReader frames = direct ? FrameReader.direct(channel, codec.maxFrameBytes()) : FrameReader.of(channel, codec.maxFrameBytes());
        byte[] text = new byte[FrameReader.INITIAL_CAPACITY]; // JSON is parsed from an array; reused, grown for long messages
        try {
            ByteBuffer payload;
            while ((payload = frames.next()) != null) {
                int size = payload.remaining();
                if (size > 0 && payload.get(payload.position()) == BinaryFrame.MARKER) {
                    binary(payload);
                    continue;
                }
                if (text.length < size) {
                    text = new byte[size];
                }
                payload.get(text, 0, size);
                Message message;
                try {
                    message = codec.decodeFrame(text, 0, size);
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
        } catch (FrameTooLongException e) {
            reason = "the server sent a frame of " + e.length() + " bytes, over this client's limit of " + e.limit();
        } catch (IOException e) {
            reason = channel.isOpen() ? "connection lost: " + e.getMessage() : "closed by this client";
        } finally {
            closed.set(true);
            close();
            listener.closed(reason);
        }
    }
}
