package parley.p2p.link;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.wire.BinaryFrame;
import parley.api.wire.FrameReader;
import parley.api.wire.FrameTooLongException;
import parley.api.wire.Frames;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * One TCP connection of P2P (a link, over TLS, or a connection to the relay) on Parley's framing:
 * {@code [uint32 length][JSON]} frames and binary data frames, through the kernel's
 * {@link WireCodec} and {@link BinaryFrame}.
 *
 * <p><b>Threading.</b> One thread reads ({@link #readFrame}, {@link #readMessage}); any thread
 * writes, one whole frame at a time under a lock, blocking while the socket is full.
 * {@link #trySend} never waits for that lock. Counters are exact and readable from any thread.
 *
 * <p><b>Failure.</b> Reads and writes throw {@link IOException}; a frame over the limit or one that
 * is not a JSON object throws {@link LinkException} saying so. Closing is idempotent.
 */
public final class LinkChannel implements AutoCloseable {

    /** Largest frame a link accepts by default. */
    public static final int MAX_FRAME_BYTES = Frames.DEFAULT_MAX_FRAME_BYTES;

    private final Socket socket;
    private final InputStream in;
    private final FrameReader frames;
    private final OutputStream out;
    private final WireCodec codec;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    /** One frame read: a message, or the data of a binary frame (valid until the next read). */
    public record Frame(Message message, String tag, byte[] data, int offset, int length) {

        public boolean binary() {
            return message == null;
        }
    }

    public LinkChannel(Socket socket, int maxFrameBytes) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.codec = WireCodec.basic(maxFrameBytes);
        this.frames = FrameReader.of(Channels.newChannel(in), maxFrameBytes);
    }

    /**
     * Dials {@code address}.
     *
     * @throws IOException when it is refused, unreachable or takes longer than {@code timeout}
     */
    public static LinkChannel connect(InetSocketAddress address, Duration timeout, int maxFrameBytes)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            return new LinkChannel(socket, maxFrameBytes);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * The next frame, or {@code null} at a clean end of stream (between frames).
     *
     * @throws LinkException for a frame over the limit or a payload that is not a JSON object
     * @throws IOException   when the connection fails or ends inside a frame
     */
    public Frame readFrame() throws IOException {
        ByteBuffer frame;
        try {
            frame = frames.next();
        } catch (FrameTooLongException e) {
            throw new LinkException("a frame of " + e.length() + " bytes, over the limit of " + e.limit());
        }
        if (frame == null) {
            return null;
        }
        byte[] payload = frame.array();
        int at = frame.arrayOffset() + frame.position();
        int length = frame.remaining();
        received.addAndGet(Frames.HEADER_BYTES + length);
        try {
            if (BinaryFrame.isBinary(payload, at, length)) {
                BinaryFrame.Parsed parsed = BinaryFrame.parse(payload, at, length);
                return new Frame(null, parsed.tag(), payload, parsed.dataOffset(), parsed.dataLength());
            }
            return new Frame(codec.decodeFrame(payload, at, length), null, null, 0, 0);
        } catch (ProtocolException e) {
            throw new LinkException("a bad frame: " + e.reason());
        }
    }

    /**
     * The next frame, which must be a message.
     *
     * @throws EOFException  at the end of stream
     * @throws LinkException for a binary frame or a bad one
     */
    public Message readMessage() throws IOException {
        Frame frame = readFrame();
        if (frame == null) {
            throw new EOFException("the other end closed the connection");
        }
        if (frame.binary()) {
            throw new LinkException("a binary frame where a message was expected");
        }
        return frame.message();
    }

    public void send(Message message) throws IOException {
        byte[] frame = Frames.frame(codec.encode(message, PayloadForm.JSON));
        writeLock.lock();
        try {
            write(frame);
        } finally {
            writeLock.unlock();
        }
    }

    public void sendBinary(String tag, byte[] data, int offset, int length) throws IOException {
        byte[] frame = Frames.frame(BinaryFrame.payload(tag, data, offset, length));
        writeLock.lock();
        try {
            write(frame);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Sends unless another thread is writing (and may be blocked on a full socket).
     *
     * @return false when it did not send
     */
    public boolean trySend(Message message) throws IOException {
        if (!writeLock.tryLock()) {
            return false;
        }
        try {
            write(Frames.frame(codec.encode(message, PayloadForm.JSON)));
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    private void write(byte[] frame) throws IOException {
        out.write(frame);
        out.flush();
        sent.addAndGet(frame.length);
    }

    /** Sets how long a read may block; {@link Duration#ZERO} for ever. */
    public void readTimeout(Duration timeout) throws SocketException {
        socket.setSoTimeout((int) Math.max(0, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
    }

    /**
     * The rest of the input, for a relay that copies the stream without reading frames: first the bytes
     * the frame reader had read ahead, then the socket's. Call it once, after the last {@link #readFrame}.
     */
    public InputStream input() {
        ByteBuffer ahead = frames.takeReadAhead();
        byte[] bytes = new byte[ahead.remaining()];
        ahead.get(bytes);
        return new SequenceInputStream(new ByteArrayInputStream(bytes), in);
    }

    /**
     * The bytes the frame reader had read ahead of the last frame, taken out of it: what a TLS
     * handshake that starts after that frame must read first. Call it once, after the last {@link #readFrame}.
     */
    public byte[] takeReadAhead() {
        ByteBuffer ahead = frames.takeReadAhead();
        byte[] bytes = new byte[ahead.remaining()];
        ahead.get(bytes);
        return bytes;
    }

    /**
     * The SHA-256 fingerprint of the certificate the other end showed, or null on a connection
     * without TLS (to the relay, before it joins the two sides).
     */
    public Fingerprint peerFingerprint() {
        if (!(socket instanceof SSLSocket tls)) {
            return null;
        }
        try {
            Certificate[] chain = tls.getSession().getPeerCertificates();
            return chain.length == 0 || !(chain[0] instanceof X509Certificate x509) ? null : Fingerprint.of(x509);
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Whether this connection runs TLS. */
    public boolean encrypted() {
        return socket instanceof SSLSocket;
    }

    /** The socket's output, for a relay that copies bytes into it. */
    public OutputStream output() {
        return out;
    }

    public Socket socket() {
        return socket;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) socket.getRemoteSocketAddress();
    }

    /** Bytes written, frame headers included. */
    public long bytesSent() {
        return sent.get();
    }

    /** Bytes read, frame headers included. */
    public long bytesReceived() {
        return received.get();
    }

    /** Sends a FIN after what is written: the other end reads to the end, then sees end of stream. */
    public void shutdownOutput() {
        try {
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            // already gone: closing will follow
        }
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to do
        }
    }
}
