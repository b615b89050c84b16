package parley.transport.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * A WebSocket client on a plain socket, for what a well-behaved client library refuses to send: bad
 * upgrades, invalid UTF-8, unknown opcodes, unmasked frames, pings left unanswered. It writes frames
 * byte by byte as RFC 6455 lays them out, and reads the server's with Netty's decoder.
 */
final class RawWs implements AutoCloseable {

    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final EmbeddedChannel frames = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
            .expectMaskedFrames(false).maxFramePayloadLength(1 << 24).build()));
    private final Random random = new Random(1);

    RawWs(int port) throws IOException {
        this(port, 0);
    }

    /** A socket with a receive buffer of {@code receiveBuffer} bytes (0: the system's), connected. */
    RawWs(int port, int receiveBuffer) throws IOException {
        socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", port));
        socket.setSoTimeout((int) WsClient.WAIT.toMillis());
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** A socket that upgraded with a good handshake; fails if the server did not answer 101. */
    static RawWs upgraded(int port) throws IOException {
        RawWs ws = new RawWs(port);
        ws.upgrade();
        return ws;
    }

    /** The good handshake; fails if the server did not answer 101. */
    void upgrade() throws IOException {
        RawWs ws = this;
        String key = Base64.getEncoder().encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
        String head = ws.request("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + head);
        }
    }

    /** Sends {@code request} as it is and returns the response head (status line and headers). */
    String request(String request) throws IOException {
        out.write(request.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        return head();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The response head, up to the blank line. */
    String head() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    /** Reads {@code length} bytes of a body. */
    String body(int length) throws IOException {
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** Reads what is left after a head: the body of a response, until the server closes. */
    String rest() throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Sends one frame, masked as a client must (unless {@code masked} is false): FIN set, this opcode. */
    void frame(int opcode, byte[] payload, boolean fin, boolean masked) throws IOException {
        frameStart(opcode, payload.length, payload, fin, masked);
    }

    /** Sends a frame's header announcing {@code length} bytes, then only {@code payload} of them. */
    void frameStart(int opcode, long length, byte[] payload, boolean fin, boolean masked) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (length < 126) {
            frame.write(maskBit | (int) length);
        } else if (length < 65536) {
            frame.write(maskBit | 126);
            frame.write((int) (length >>> 8));
            frame.write((int) (length & 0xFF));
        } else {
            frame.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) (length >>> shift) & 0xFF);
            }
        }
        byte[] mask = new byte[4];
        random.nextBytes(mask);
        if (masked) {
            frame.writeBytes(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        write(frame.toByteArray());
    }

    void text(String json) throws IOException {
        frame(0x1, json.getBytes(StandardCharsets.UTF_8), true, true);
    }

    /** The next frame the server sends, or {@code null} when it closed the connection first. */
    WebSocketFrame next() throws IOException {
        byte[] buffer = new byte[8192];
        while (true) {
            WebSocketFrame frame = frames.readInbound();
            if (frame != null) {
                return frame;
            }
            int n;
            try {
                n = in.read(buffer);
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                return null; // reset by the server
            }
            if (n < 0) {
                return null;
            }
            frames.writeInbound(Unpooled.copiedBuffer(buffer, 0, n));
        }
    }

    /** The close code the server sends, skipping other frames; -1 if it closed without one. */
    int closeCode() throws IOException {
        WebSocketFrame frame;
        while ((frame = next()) != null) {
            try {
                if (frame instanceof CloseWebSocketFrame close) {
                    return close.statusCode();
                }
            } finally {
                frame.release();
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        frames.finishAndReleaseAll();
        socket.close();
    }
}
