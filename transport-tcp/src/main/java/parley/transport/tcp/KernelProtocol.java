package parley.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.transport.ConnectionHandler;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.Detection;
import parley.api.transport.Inbound;
import parley.api.transport.ProtocolStream;
import parley.api.wire.BinaryFrame;
import parley.api.wire.FrameReader;
import parley.api.wire.FrameTooLongException;
import parley.api.wire.MemoryBudgetException;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * This transport's own protocols, the fallbacks asked after the plugins' ones: {@code legacy} (a first
 * byte that is a capital letter, the start of a verb) and {@code framed} (the high byte of a length,
 * which is 0 for any frame under 16 MiB, or any byte that is not text). Each opens a kernel session and
 * reads its messages, reporting bad input to the kernel (which answers ERROR; this transport never builds
 * a protocol message).
 */
final class KernelProtocol implements ConnectionProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(KernelProtocol.class);

    private final PayloadForm form;
    /** Why a connection is closed when the memory for incoming messages is spent. */
    static final String BUSY = "server busy: the memory it sets aside for incoming messages (inbound-budget) is spent;"
            + " try again later with a smaller message";

    private final TcpTransport transport;
    private final ConnectionHandler handler;
    private final WireCodec codec;
    private final int maxFrame;

    KernelProtocol(PayloadForm form, TcpTransport transport, ConnectionHandler handler, WireCodec codec) {
        this.form = form;
        this.transport = transport;
        this.handler = handler;
        this.codec = codec;
        this.maxFrame = codec.maxFrameBytes();
    }

    @Override
    public String name() {
        return form == PayloadForm.JSON ? "framed" : "legacy";
    }

    /** Legacy before frames: a capital letter is a verb even when a frame limit of 1 GiB or more allows it as a length. */
    @Override
    public int priority() {
        return form == PayloadForm.JSON ? -200 : -100;
    }

    @Override
    public Detection detect(ByteBuffer head) {
        int first = head.get(head.position()) & 0xFF;
        if (form == PayloadForm.LINE) {
            return first >= 'A' && first <= 'Z' ? Detection.MATCH : Detection.NO_MATCH;
        }
        if (first <= (maxFrame >>> 24)) {
            return Detection.MATCH;
        }
        boolean text = (first >= 0x20 && first < 0x7F) || first == '\t' || first == '\r' || first == '\n';
        return text ? Detection.NO_MATCH : Detection.MATCH; // text is a legacy client that got the verb wrong
    }

    @Override
    public void serve(ProtocolStream protocolStream) throws IOException {
        TcpStream stream = (TcpStream) protocolStream;
        TcpConnection connection = stream.connection();
        connection.protocol(form, stream.protocol() + "/" + name(), stream.outbound(), stream.secure());
        if (connection.refusal() != null) {
            handler.refuse(connection, connection.refusal());
            return;
        }
        Inbound session = handler.opened(connection);
        String reason = "the client closed the connection";
        try {
            reason = form == PayloadForm.JSON ? readFrames(stream, connection, session)
                    : readLines(stream, connection, session);
        } catch (EOFException e) {
            reason = "connection closed in the middle of a message";
        } catch (ClosedChannelException e) {
            reason = "connection closed";
        } catch (IOException e) {
            reason = "read failed: " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.warn("reader of {} failed", connection, e);
            reason = "internal error: " + e;
        } finally {
            String byServer = connection.closeReason();
            connection.close(byServer != null ? byServer : reason);
            session.closed(byServer != null ? byServer : reason);
        }
    }

    /** Reads frames until the end of the stream or a fatal error; returns why it stopped. */
    private String readFrames(TcpStream stream, TcpConnection connection, Inbound session) throws IOException {
        FrameReader frames = FrameReader.releasingWhenIdle(stream, maxFrame, transport.inboundBudget());
        try {
            return readFrames(frames, connection, session);
        } finally {
            frames.close();
        }
    }

    private String readFrames(FrameReader frames, TcpConnection connection, Inbound session) throws IOException {
        DeferredWriters writers = DeferredWriters.current();
        while (!connection.closing()) {
            if (writers != null) {
                writers.frameDone();
            }
            ByteBuffer frame;
            try {
                frame = frames.next();
            } catch (FrameTooLongException e) {
                return fatal(connection, session, "frame of " + e.length() + " bytes is over this server's limit of "
                        + e.limit() + " bytes (max-frame-bytes); closing the connection");
            } catch (MemoryBudgetException e) {
                return fatal(connection, session, BUSY);
            }
            if (frame == null) {
                return "the client closed the connection";
            }
            connection.messageDone();
            byte[] buf = frame.array();
            int at = frame.arrayOffset() + frame.position();
            int size = frame.remaining();
            try {
                if (BinaryFrame.isBinary(buf, at, size)) {
                    if (writers != null) {
                        writers.flush(); // its handling may wait for the byte budget
                    }
                    BinaryFrame.Parsed binary = BinaryFrame.parse(buf, at, size);
                    session.receivedBinary(binary.tag(), ByteBuffer.wrap(buf, binary.dataOffset(), binary.dataLength()));
                    continue;
                }
                session.received(codec.decodeFrame(buf, at, size), size);
            } catch (ProtocolException e) {
                session.malformed(e.reason(), false);
            }
        }
        return connection.closeReason();
    }

    /** Reads lines until the end of the stream or a fatal error; returns why it stopped. */
    private String readLines(TcpStream stream, TcpConnection connection, Inbound session) throws IOException {
        LineReader lines = new LineReader(stream, maxFrame, transport.inboundBudget());
        try {
            return readLines(lines, connection, session);
        } finally {
            lines.close();
        }
    }

    private String readLines(LineReader lines, TcpConnection connection, Inbound session) throws IOException {
        DeferredWriters writers = DeferredWriters.current();
        while (!connection.closing()) {
            if (writers != null) {
                writers.frameDone();
            }
            ByteBuffer line;
            try {
                line = lines.next();
            } catch (LineReader.TooLong e) {
                return fatal(connection, session, "line longer than this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            } catch (MemoryBudgetException e) {
                return fatal(connection, session, BUSY);
            }
            if (line == null) {
                return "the client closed the connection";
            }
            connection.messageDone();
            byte[] buf = line.array();
            int at = line.arrayOffset() + line.position();
            int length = line.remaining();
            if (isBlank(buf, at, length)) {
                continue;
            }
            if (length > maxFrame) {
                return fatal(connection, session, "line longer than this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            }
            Message message;
            try {
                message = codec.decodeLine(buf, at, length);
            } catch (ProtocolException e) {
                session.malformed(e.reason(), false);
                continue;
            }
            session.received(message, length);
        }
        return connection.closeReason();
    }

    /** Reports input after which the stream cannot be trusted: the kernel answers ERROR and closes. */
    private static String fatal(TcpConnection connection, Inbound session, String reason) {
        session.malformed(reason, true);
        connection.close(reason); // in case the kernel's close came first from elsewhere: idempotent
        return reason;
    }

    private static boolean isBlank(byte[] buf, int at, int length) {
        for (int i = at; i < at + length; i++) {
            if (buf[i] != ' ' && buf[i] != '\r' && buf[i] != '\t') {
                return false;
            }
        }
        return true;
    }
}
