package parley.transport.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.transport.ClientConnection;
import parley.api.wire.BinaryFrame;
import parley.api.wire.FrameReader;
import parley.api.wire.FrameTooLongException;
import parley.api.wire.Frames;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * A framed client connection inside TLS, after the handshake: writes wrap under a lock (one gathering
 * wrap per frame), reads unwrap on a virtual thread through the kernel's {@link FrameReader}.
 */
final class TlsClientConnection implements ClientConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TlsClientConnection.class);

    private final TlsChannel tls;
    private final SocketChannel channel;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final WireCodec codec;
    private final ClientConnection.Listener listener;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TlsClientConnection(TlsChannel tls, SocketChannel channel, int maxFrameBytes, ClientConnection.Listener listener) {
        this.tls = tls;
        this.channel = channel;
        this.codec = WireCodec.basic(maxFrameBytes);
        this.listener = listener;
    }

    static TlsClientConnection start(TlsChannel tls, SocketChannel channel, int maxFrameBytes,
                                     ClientConnection.Listener listener) {
        TlsClientConnection connection = new TlsClientConnection(tls, channel, maxFrameBytes, listener);
        Thread.ofVirtual().name("parley-tls-client-reader").start(connection::readLoop);
        return connection;
    }

    @Override
    public void send(Message message) throws IOException {
        byte[] payload = codec.encode(message, PayloadForm.JSON);
        ByteBuffer[] frame = {ByteBuffer.wrap(Frames.header(payload.length)), ByteBuffer.wrap(payload)};
        writeLock.lock();
        try {
            while (frame[1].hasRemaining()) {
                tls.write(frame); // one gathering write: the header is not joined to the payload
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
                tls.write(frame); // one gathering write: header, head and data are not joined first
            }
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.socket().getLocalSocketAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.socket().getRemoteSocketAddress();
    }

    @Override
    public boolean isOpen() {
        return !closed.get();
    }

    @Override
    public void close() {
        try {
            tls.close();
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
        FrameReader frames = FrameReader.of(tls, codec.maxFrameBytes());
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
            reason = tls.isOpen() ? "connection lost: " + e.getMessage() : "closed by this client";
        } finally {
            closed.set(true);
            close();
            listener.closed(reason);
        }
    }
}
