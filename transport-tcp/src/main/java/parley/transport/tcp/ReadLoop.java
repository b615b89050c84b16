package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.transport.Inbound;
import parley.api.wire.BinaryFrame;
import parley.api.wire.FrameReader;
import parley.api.wire.FrameTooLongException;
import parley.api.wire.MemoryBudgetException;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * A kernel session's read loop ({@link KernelProtocol}), frames or legacy lines, with all its state in
 * this object rather than on a thread's stack: when it has waited at a message boundary, with no byte
 * buffered, through a whole idle sweep ({@link PolledSocket#sweepIdle}), it stops and leaves itself on
 * the stream ({@link TcpStream#stopped}); the connection's reader ends its thread, and a new one calls
 * {@link #run} again when bytes come. So a connection idle for a second or two has no thread, and no
 * stack (about 4 KB each, measured; docs/PERFORMANCE.md), while a busy one keeps its thread.
 *
 * <p>Runs on one thread at a time: the reader thread, then the next one, which the poller starts after
 * this one has let go of it.
 */
final class ReadLoop {

    private final TcpStream stream;
    private final TcpConnection connection;
    private final Inbound session;
    private final WireCodec codec;
    private final int maxFrame;
    /** One of the two is set, by the form. */
    private final FrameReader frames;
    private final LineReader lines;

    ReadLoop(PayloadForm form, TcpStream stream, Inbound session, WireCodec codec, TcpTransport transport) {
        this.stream = stream;
        this.connection = stream.connection();
        this.session = session;
        this.codec = codec;
        this.maxFrame = codec.maxFrameBytes();
        this.frames = form == PayloadForm.JSON ? FrameReader.releasingWhenIdle(stream, maxFrame, transport.inboundBudget()) : null;
        this.lines = form == PayloadForm.JSON ? null : new LineReader(stream, maxFrame, transport.inboundBudget());
    }

    /**
     * Reads and hands on messages until the stream ends or a fatal error, then closes the connection and
     * the session; or, when the connection is idle, stops and leaves itself on the stream with nothing
     * closed, to be run again (on any thread) once bytes come.
     */
    void run() {
        String reason = "the client closed the connection";
        try {
            reason = frames != null ? readFrames() : readLines();
        } catch (ReaderStopped e) {
            stream.stopped(this);
            return;
        } catch (java.io.EOFException e) { // a frame or a line cut short by the end of the stream
            reason = "connection closed in the middle of a message";
        } catch (IOException | RuntimeException e) {
            reason = CloseReasons.of(e, connection);
        }
        if (frames != null) {
            frames.close();
        } else {
            lines.close();
        }
        String byServer = connection.closeReason();
        connection.close(byServer != null ? byServer : reason);
        session.closed(byServer != null ? byServer : reason);
    }

    /** Reads frames until the end of the stream or a fatal error; returns why it stopped. */
    private String readFrames() throws IOException {
        DeferredWriters writers = DeferredWriters.current();
        while (!connection.closing()) {
            if (writers != null) {
                writers.frameDone();
            }
            if (frames.idle()) {
                stream.mayStopAtNextRead();
            }
            ByteBuffer frame;
            try {
                frame = frames.next();
            } catch (FrameTooLongException e) {
                return fatal("frame of " + e.length() + " bytes is over this server's limit of "
                        + e.limit() + " bytes (max-frame-bytes); closing the connection");
            } catch (MemoryBudgetException e) {
                return fatal(KernelProtocol.BUSY);
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
    private String readLines() throws IOException {
        DeferredWriters writers = DeferredWriters.current();
        while (!connection.closing()) {
            if (writers != null) {
                writers.frameDone();
            }
            if (lines.idle()) {
                stream.mayStopAtNextRead();
            }
            ByteBuffer line;
            try {
                line = lines.next();
            } catch (LineReader.TooLong e) {
                return fatal("line longer than this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            } catch (MemoryBudgetException e) {
                return fatal(KernelProtocol.BUSY);
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
                return fatal("line longer than this server's limit of " + maxFrame
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
    private String fatal(String reason) {
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
