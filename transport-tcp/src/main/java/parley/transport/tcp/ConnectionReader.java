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
import parley.api.transport.Inbound;
import parley.api.wire.BinaryFrame;
import parley.api.wire.Frames;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * The read loop of one connection, run on its own virtual thread: sniff the form, then decode
 * frames or lines and hand each message to the kernel, and report bad input to it (the kernel answers
 * ERROR; this transport never builds a protocol message).
 */
final class ConnectionReader implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionReader.class);

    private final TcpTransport transport;
    private final TcpConnection connection;
    private final ConnectionHandler handler;
    private final WireCodec codec;
    private final int maxFrame;

    ConnectionReader(TcpTransport transport, TcpConnection connection, ConnectionHandler handler, WireCodec codec) {
        this.transport = transport;
        this.connection = connection;
        this.handler = handler;
        this.codec = codec;
        this.maxFrame = codec.maxFrameBytes();
    }

    @Override
    public void run() {
        Inbound session = null;
        InboundBuffer in = null;
        String reason = "the client closed the connection";
        try {
            in = new InboundBuffer(connection.channel().socket().getInputStream());
            if (!in.fill(1)) {
                return;
            }
            PayloadForm form = Sniffer.sniff(in.array()[in.position()], maxFrame);
            if (form == null) {
                connection.protocol(PayloadForm.LINE, "tcp/legacy");
                handler.refuse(connection, "a legacy line starts with a verb in capitals, like LOGIN \"alice\"");
                return;
            }
            connection.protocol(form, form == PayloadForm.JSON ? "tcp/framed" : "tcp/legacy");
            if (!transport.admit(connection)) {
                handler.refuse(connection, "server full: it allows " + transport.maxConnections()
                        + " connections; try again later");
                return;
            }
            session = handler.opened(connection);
            reason = form == PayloadForm.JSON ? readFrames(in, session) : readLines(in, session);
        } catch (EOFException e) {
            reason = e.getMessage();
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
            if (session != null) {
                session.closed(byServer != null ? byServer : reason);
            }
            if (in != null && byServer != null) {
                discardUntilEnd(in);
            }
            connection.readerDone();
            transport.remove(connection);
        }
    }

    /**
     * Reads and drops whatever the peer still sends, until it closes or the closer gives up and closes
     * the socket, so that the close does not reset the connection under the peer's last unread answer.
     */
    private static void discardUntilEnd(InboundBuffer in) {
        try {
            while (in.skipAll()) {
                // dropping input
            }
        } catch (IOException e) {
            // the socket closed: done
        }
    }

    /** Reads frames until the end of the stream or a fatal error; returns why it stopped. */
    private String readFrames(InboundBuffer in, Inbound session) throws IOException {
        while (!connection.closing()) {
            if (!in.fill(Frames.HEADER_BYTES)) {
                return "the client closed the connection";
            }
            long length = Frames.length(in.array(), in.position());
            in.skip(Frames.HEADER_BYTES);
            if (length > maxFrame) {
                return fatal(session, "frame of " + length + " bytes is over this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            }
            int size = (int) length;
            if (!in.fill(size)) {
                throw new EOFException("connection closed in the middle of a message");
            }
            int at = in.position();
            in.skip(size);
            byte[] buf = in.array();
            try {
                if (BinaryFrame.isBinary(buf, at, size)) {
                    BinaryFrame.Parsed binary = BinaryFrame.parse(buf, at, size);
                    session.receivedBinary(binary.tag(), ByteBuffer.wrap(buf, binary.dataOffset(), binary.dataLength()));
                    continue;
                }
                session.received(codec.decodeFrame(buf, at, size));
            } catch (ProtocolException e) {
                session.malformed(e.reason(), false);
            }
        }
        return connection.closeReason();
    }

    /** Reads lines until the end of the stream or a fatal error; returns why it stopped. */
    private String readLines(InboundBuffer in, Inbound session) throws IOException {
        int scanned = 0;
        while (!connection.closing()) {
            int newline = -1;
            while (newline < 0) {
                byte[] buf = in.array();
                int start = in.position();
                int have = in.buffered();
                for (int i = scanned; i < have; i++) {
                    if (buf[start + i] == '\n') {
                        newline = i;
                        break;
                    }
                }
                if (newline >= 0) {
                    break;
                }
                scanned = have;
                if (have > maxFrame) {
                    return fatal(session, "line longer than this server's limit of " + maxFrame
                            + " bytes (max-frame-bytes); closing the connection");
                }
                if (!in.more()) {
                    return "the client closed the connection";
                }
            }
            int at = in.position();
            byte[] buf = in.array();
            in.skip(newline + 1);
            scanned = 0;
            if (isBlank(buf, at, newline)) {
                continue;
            }
            if (newline > maxFrame) {
                return fatal(session, "line longer than this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            }
            Message message;
            try {
                message = codec.decodeLine(buf, at, newline);
            } catch (ProtocolException e) {
                session.malformed(e.reason(), false);
                continue;
            }
            session.received(message);
        }
        return connection.closeReason();
    }

    /** Reports input after which the stream cannot be trusted: the kernel answers ERROR and closes. */
    private String fatal(Inbound session, String reason) {
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
