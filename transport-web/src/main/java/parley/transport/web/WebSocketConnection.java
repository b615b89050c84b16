package parley.transport.web;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;

import parley.api.transport.ProtocolStream;
import parley.api.wire.BinaryFrame;

/**
 * A WebSocket that carries the framed form: each text message is one frame's JSON payload, each binary
 * message one binary frame's payload ({@code [0x00][tag length][tag][data]}), both without the 4-byte
 * length. It is a layer, as TLS is: this channel turns messages into frames (length, payload) for the
 * transport, which then chooses its framed form on them with {@link ProtocolStream#selectAgain} and opens
 * a kernel session ({@code ws/tcp/framed}, or {@code ws/tls/tcp/framed}, secure, inside TLS); the
 * frames the kernel writes come back here and leave as messages. So every verb, push, sequence, limit,
 * outbound queue and slow-reader rule is the TCP transport's own.
 *
 * <p>Threads: the connection's reader thread reads ({@link #read}, which reads the socket, decodes with
 * Netty's RFC 6455 decoder, answers pings and closes); the transport's writer thread writes
 * ({@link #write}); a virtual thread started by the timer pings an idle client. Writes to the socket are
 * whole WebSocket frames under one lock. What breaks the WebSocket protocol gets its close code, and the
 * kernel session sees the end of the stream: 1002 (a bad frame, an unknown opcode, an unmasked frame),
 * 1007 (a text message that is not UTF-8), 1009 (a message over {@code max-frame-bytes}, fragments
 * included), 1003 (a binary message that is not a binary frame, or a text message that starts like one),
 * 1001 (silent for {@code web.idle-timeout}).
 */
final class WebSocketConnection implements ByteChannel {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);

    private final WebServer server;
    private final ProtocolStream stream;
    private final int maxMessage;
    private final Duration idleTimeout;
    private final Inbox inbox = new Inbox();
    /** Decodes what the client sends; its own encoder writes only the close of a protocol violation. */
    private final EmbeddedChannel decoder;
    /** Encodes what this server sends, under {@link #writing}. */
    private final EmbeddedChannel encoder = Pipes.of(new WebSocket13FrameEncoder(false));
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicBoolean closeSent = new AtomicBoolean();
    /** Frames for the transport (4-byte length, payload), in order; reader thread only. */
    private final ArrayDeque<ByteBuffer> frames = new ArrayDeque<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(16 << 10);
    private final Outgoing outgoing = new Outgoing();
    private boolean ended;
    /** Bytes fed to the decoder since it last gave a whole message, and what of them the budget lent; reader thread only. */
    private long held;
    private long reserved;
    private volatile long heardAt = System.nanoTime();

    WebSocketConnection(WebServer server, ProtocolStream stream) {
        this.server = server;
        this.stream = stream;
        this.maxMessage = server.settings().maxMessageBytes();
        this.idleTimeout = server.settings().idleTimeout();
        this.decoder = Pipes.of(new WebSocket13FrameEncoder(false), new WebSocket13FrameDecoder(decoderConfig(maxMessage)),
                new Utf8FrameValidator(true), new WebSocketFrameAggregator(maxMessage), inbox);
    }

    /** Masked client frames, no extensions, frames up to {@code maxMessage}, and a close on any violation. */
    static WebSocketDecoderConfig decoderConfig(int maxMessage) {
        return WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(maxMessage).expectMaskedFrames(true)
                .allowMaskMismatch(false).allowExtensions(false).closeOnProtocolViolation(true).withUTF8Validator(true)
                .build();
    }

    /** Runs the WebSocket until either side ends it; {@code first} holds bytes already read after the upgrade. */
    void run(ByteBuf first) throws IOException {
        ScheduledFuture<?> pings = schedulePings();
        try {
            feed(first.nioBuffer());
            first.release();
            stream.selectAgain(this, "ws", false);
        } catch (ClosedChannelException e) {
            LOG.debug("{}: WebSocket ended: {}", stream.remoteAddress(), e.toString());
        } finally {
            if (pings != null) {
                pings.cancel(false);
            }
            if (stream.isOpen()) { // the input ended; when the server closes, close() follows its last message
                sendClose(WebSocketCloseStatus.NORMAL_CLOSURE, "closed by the server");
            }
            inbox.clear();
            frames.clear();
            Pipes.discard(decoder);
            server.inbound().release(reserved);
            reserved = 0;
            stream.close(); // the encoder stays: the transport's closer may still send the close frame with it
        }
    }

    // --- the transport's side: frames in (read), frames out (write)

    /** The next frame bytes for the transport, reading and decoding the socket as needed; -1 at the end. */
    @Override
    public int read(ByteBuffer target) throws IOException {
        while (frames.isEmpty()) {
            if (ended) {
                return -1;
            }
            int n = stream.read(buffer.clear());
            if (n < 0) {
                ended = true;
                return -1;
            }
            heardAt = System.nanoTime();
            feed(buffer.flip());
        }
        ByteBuffer frame = frames.peek();
        int n = Math.min(frame.remaining(), target.remaining());
        target.put(target.position(), frame, frame.position(), n);
        target.position(target.position() + n);
        frame.position(frame.position() + n);
        if (!frame.hasRemaining()) {
            frames.poll();
        }
        return n;
    }

    /** Takes the transport's frames (length, payload) and sends each payload as one message; consumes all of {@code source}. */
    @Override
    public int write(ByteBuffer source) throws IOException {
        int taken = source.remaining();
        byte[] payload;
        while ((payload = outgoing.next(source)) != null) {
            send(payload);
        }
        return taken;
    }

    @Override
    public boolean isOpen() {
        return !ended && stream.isOpen();
    }

    /**
     * Sends the close frame (1000) and closes the connection. The transport calls it when the server
     * closes the session, after its last message was written (ERROR, or BYE's OK).
     */
    @Override
    public void close() throws IOException {
        sendClose(WebSocketCloseStatus.NORMAL_CLOSURE, "closed by the server");
        stream.close();
    }

    // --- decoding what the client sends

    private void feed(ByteBuffer bytes) throws IOException {
        held += bytes.remaining();
        Pipes.feed(decoder, bytes);
        writing.lock();
        try {
            Pipes.drain(decoder, stream); // the close frame of a protocol violation
        } finally {
            writing.unlock();
        }
        Object msg;
        boolean whole = false;
        while ((msg = inbox.poll()) != null) {
            whole = true;
            try {
                take(msg);
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }
        if (whole) {
            held = 0; // what may be left of this read is within the free allowance
        }
        if (!ended && !budget()) {
            fail(WebSocketCloseStatus.TRY_AGAIN_LATER, "server busy: the memory it sets aside for incoming messages"
                    + " (web.inbound-budget) is spent; try again later with a smaller message");
        }
        Throwable failure = inbox.takeFailure();
        if (failure instanceof TooLongFrameException) {
            fail(WebSocketCloseStatus.MESSAGE_TOO_BIG, "message longer than " + maxMessage + " bytes (max-frame-bytes)");
        } else if (failure instanceof CorruptedFrameException || !decoder.isOpen()) {
            closeSent.set(true); // the decoder sent its close code (1002, 1007, 1009)
            end("WebSocket protocol violation: " + (failure == null ? "closed" : failure.getMessage()));
        } else if (failure != null) {
            LOG.warn("{}: WebSocket decoding failed", stream.remoteAddress(), failure);
            fail(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    private void take(Object msg) throws IOException {
        if (ended) {
            return;
        }
        switch (msg) {
            case TextWebSocketFrame text -> {
                ByteBuf content = text.content();
                if (content.isReadable() && content.getByte(content.readerIndex()) == BinaryFrame.MARKER) {
                    fail(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "a text message carries JSON: send binary frames"
                            + " as binary messages");
                    return;
                }
                frame(content);
            }
            case BinaryWebSocketFrame binary -> {
                ByteBuf content = binary.content();
                if (!content.isReadable() || content.getByte(content.readerIndex()) != BinaryFrame.MARKER) {
                    fail(WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "a binary message carries a binary frame"
                            + " ([0x00][tag length][tag][data]); JSON goes in text messages");
                    return;
                }
                frame(content);
            }
            case PingWebSocketFrame ping -> sendFrame(new PongWebSocketFrame(Unpooled.copiedBuffer(ping.content())));
            case PongWebSocketFrame pong -> LOG.trace("{}: pong", stream.remoteAddress());
            case CloseWebSocketFrame close -> {
                int code = close.statusCode();
                sendClose(echo(code), "closed by the client");
                end("closed by the client" + (code < 0 ? "" : " (" + code + ")"));
            }
            default -> fail(WebSocketCloseStatus.PROTOCOL_ERROR, "unexpected frame " + msg.getClass().getSimpleName());
        }
    }

    /** The code to answer a client's close with: its own (RFC 6455, 5.5.1), or 1000 when it gave none. */
    private static WebSocketCloseStatus echo(int code) {
        if (code < 0 || !WebSocketCloseStatus.isValidStatusCode(code)) {
            return WebSocketCloseStatus.NORMAL_CLOSURE;
        }
        return WebSocketCloseStatus.valueOf(code);
    }

    /**
     * Takes from the inbound budget what the decoder holds past the free allowance, or gives back what
     * it no longer holds; false when the budget is spent.
     */
    private boolean budget() {
        long need = Math.max(0, held - WebServer.FREE);
        if (need > reserved) {
            if (!server.inbound().reserve(need - reserved)) {
                return false;
            }
        } else if (need < reserved) {
            server.inbound().release(reserved - need);
        }
        reserved = need;
        return true;
    }

    /** One message as one frame for the transport: its length, then its payload. */
    private void frame(ByteBuf content) {
        ByteBuffer frame = ByteBuffer.allocate(4 + content.readableBytes());
        frame.putInt(content.readableBytes());
        content.getBytes(content.readerIndex(), frame);
        frames.add(frame.flip());
    }

    private void fail(WebSocketCloseStatus status, String reason) throws IOException {
        LOG.debug("{}: closing the WebSocket with {}: {}", stream.remoteAddress(), status.code(), reason);
        sendClose(status, reason);
        end(reason);
    }

    /** No more input: the transport reads the end of the stream once the frames already decoded are taken. */
    private void end(String why) {
        LOG.debug("{}: WebSocket input ended: {}", stream.remoteAddress(), why);
        ended = true;
    }

    // --- writing

    private void send(byte[] payload) throws IOException {
        if (closeSent.get()) {
            return; // nothing follows a close frame
        }
        ByteBuf content = Unpooled.wrappedBuffer(payload);
        sendFrame(payload.length > 0 && payload[0] == BinaryFrame.MARKER ? new BinaryWebSocketFrame(content)
                : new TextWebSocketFrame(content));
    }

    /** Sends the close frame once (later calls do nothing); a reason is cut to the 123 bytes a close frame holds. */
    private void sendClose(WebSocketCloseStatus status, String reason) {
        if (!closeSent.compareAndSet(false, true)) {
            return;
        }
        String cut = reason.length() > 120 ? reason.substring(0, 120) : reason;
        try {
            sendFrame(new CloseWebSocketFrame(status, cut));
        } catch (IOException e) {
            LOG.debug("{}: close frame not sent: {}", stream.remoteAddress(), e.toString());
        }
    }

    private void sendFrame(WebSocketFrame frame) throws IOException {
        writing.lock();
        try {
            if (!encoder.isOpen()) {
                frame.release();
                throw new ClosedChannelException();
            }
            encoder.writeOutbound(frame);
            Pipes.drain(encoder, stream);
        } finally {
            writing.unlock();
        }
    }

    // --- keepalive

    private ScheduledFuture<?> schedulePings() {
        if (idleTimeout.isZero()) {
            return null;
        }
        try {
            return server.every(idleTimeout.dividedBy(4), () -> Thread.ofVirtual().name("parley-ws-ping").start(this::checkIdle));
        } catch (RejectedExecutionException e) {
            return null; // the server is stopping
        }
    }

    /** Pings a client silent for half the idle timeout; closes one silent for all of it. On a virtual thread. */
    private void checkIdle() {
        long silent = System.nanoTime() - heardAt;
        try {
            if (silent > idleTimeout.toNanos()) {
                sendClose(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "idle: nothing heard for " + idleTimeout.toSeconds()
                        + " s (web.idle-timeout)");
                stream.close();
            } else if (silent > idleTimeout.toNanos() / 2 && !closeSent.get() && writing.tryLock()) {
                try {
                    sendFrame(new PingWebSocketFrame(Unpooled.copyLong(System.nanoTime())));
                } finally {
                    writing.unlock();
                }
            }
        } catch (IOException e) {
            LOG.debug("{}: ping failed: {}", stream.remoteAddress(), e.toString());
        }
    }
}
