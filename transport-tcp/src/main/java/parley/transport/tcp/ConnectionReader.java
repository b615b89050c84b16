package parley.transport.tcp;

import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.Session;
import parley.api.Verbs;
import parley.api.WireForm;
import parley.api.transport.ConnectionHandler;
import parley.api.wire.Frames;
import parley.api.wire.ProtocolException;
import parley.api.wire.WireCodec;

/**
 * The read loop of one connection, run on its own virtual thread: sniff the form, then decode
 * frames or lines and hand each message to the kernel, answering bad input with ERROR.
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
        Session session = null;
        String reason = "the client closed the connection";
        try {
            InboundBuffer in = new InboundBuffer(connection.channel().socket().getInputStream());
            if (!in.fill(1)) {
                return;
            }
            connection.touch();
            WireForm form = Sniffer.sniff(in.array()[in.position()], maxFrame);
            if (form == null) {
                connection.form(WireForm.LEGACY);
                refuse("a legacy line starts with a verb in capitals, like LOGIN \"alice\"");
                return;
            }
            connection.form(form);
            if (!transport.admit(connection)) {
                refuse("server full: it allows " + transport.maxConnections() + " connections; try again later");
                return;
            }
            session = handler.opened(connection);
            reason = form == WireForm.FRAMED ? readFrames(in, session) : readLines(in, session);
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
                handler.closed(session, byServer != null ? byServer : reason);
            }
            transport.remove(connection);
        }
    }

    /** Reads frames until the end of the stream or a fatal error; returns why it stopped. */
    private String readFrames(InboundBuffer in, Session session) throws IOException {
        while (true) {
            if (!in.fill(Frames.HEADER_BYTES)) {
                return "the client closed the connection";
            }
            long length = Frames.length(in.array(), in.position());
            in.skip(Frames.HEADER_BYTES);
            if (length > maxFrame) {
                return fatal("frame of " + length + " bytes is over this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            }
            int size = (int) length;
            Message message;
            try {
                if (size <= InboundBuffer.CHUNK) {
                    if (!in.fill(size)) {
                        throw new EOFException("connection closed in the middle of a message");
                    }
                    int at = in.position();
                    in.skip(size);
                    message = codec.decodeFrame(in.array(), at, size);
                } else {
                    byte[] payload = in.take(size);
                    message = codec.decodeFrame(payload, 0, size);
                }
            } catch (ProtocolException e) {
                connection.touch();
                error(e.reason());
                continue;
            }
            connection.touch();
            deliver(session, message);
        }
    }

    /** Reads lines until the end of the stream or a fatal error; returns why it stopped. */
    private String readLines(InboundBuffer in, Session session) throws IOException {
        int scanned = 0;
        while (true) {
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
                    return fatal("line longer than this server's limit of " + maxFrame
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
            connection.touch();
            if (isBlank(buf, at, newline)) {
                continue;
            }
            if (newline > maxFrame) {
                return fatal("line longer than this server's limit of " + maxFrame
                        + " bytes (max-frame-bytes); closing the connection");
            }
            Message message;
            try {
                message = codec.decodeLine(buf, at, newline);
            } catch (ProtocolException e) {
                error(e.reason());
                continue;
            }
            deliver(session, message);
        }
    }

    private void deliver(Session session, Message message) {
        try {
            handler.received(session, message);
        } catch (RuntimeException e) {
            LOG.warn("handling {} from {} failed", message.type(), session, e);
            error("internal error handling " + message.type());
        }
    }

    private void error(String reason) {
        connection.offer(codec.encode(Message.of(Verbs.ERROR).put("reason", reason), connection.form()));
    }

    private String fatal(String reason) {
        error(reason);
        connection.close(reason);
        return reason;
    }

    private void refuse(String reason) {
        error(reason);
        connection.close(reason);
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
