package parley.transport.tls;

import java.io.IOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.PayloadForm;
import parley.api.Verbs;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.Detection;
import parley.api.transport.ProtocolStream;
import parley.api.wire.Frames;
import parley.api.wire.WireCodec;

/**
 * TLS below the framed and legacy forms, on the same port: a connection whose first bytes are a TLS
 * handshake record ({@code 0x16 0x03}) is unwrapped with an {@link javax.net.ssl.SSLEngine} and the
 * transport chooses its form again on the decrypted bytes ({@code tls/tcp/framed}, secure). With
 * {@code tls.required=true} it also takes every plain-text connection, before the transport's own
 * forms, and refuses it with an ERROR in the form its first byte suggests.
 *
 * <p>The transport calls {@link #detect} and {@link #serve} on the connection's reader thread (a virtual
 * thread). {@link #serve} blocks on the socket for the handshake, bounded by {@code tls.handshake-timeout}
 * (the connection is closed when it runs out), then for the inner connection's life. A handshake that
 * fails (not TLS after all, a ClientHello followed by garbage, no protocol in common) is logged at
 * debug level and closes that connection only; nothing is kept for it. It throws only what the inner
 * connection's channel throws, which the transport logs before closing.
 */
public final class TlsProtocol implements ConnectionProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(TlsProtocol.class);
    private static final byte HANDSHAKE_RECORD = 0x16;
    private static final String REFUSAL = "this server takes TLS connections only (tls.required=true):"
            + " connect with TLS (parley client --tls), or ask its operator to allow plain text";

    /** True on a reader thread while it selects again inside TLS: the inner bytes are plain by design. */
    private static final ThreadLocal<Boolean> INSIDE = new ThreadLocal<>();

    private final TlsServer server;

    public TlsProtocol() {
        this.server = TlsServer.forThisLoad();
    }

    @Override
    public String name() {
        return "tls";
    }

    /** Before the other plugins' protocols, so that {@code tls.required} sees plain connections first. */
    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Detection detect(ByteBuffer head) {
        if (server.credentials() == null || Boolean.TRUE.equals(INSIDE.get())) {
            return Detection.NO_MATCH;
        }
        int at = head.position();
        boolean tls = head.get(at) == HANDSHAKE_RECORD;
        if (tls && head.remaining() < 2) {
            return Detection.NEED_MORE;
        }
        if (tls && head.get(at + 1) == 0x03) {
            return Detection.MATCH;
        }
        return server.required() ? Detection.MATCH : Detection.NO_MATCH;
    }

    @Override
    public void serve(ProtocolStream stream) throws IOException {
        ByteBuffer first = ByteBuffer.allocate(1);
        if (stream.read(first) < 0) {
            return;
        }
        first.flip();
        if (first.get(0) != HANDSHAKE_RECORD) {
            refusePlain(stream, first.get(0));
            return;
        }
        TlsChannel tls = new TlsChannel(server.credentials().engine(), new Replay(first, stream));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> timeout = server.afterHandshakeTimeout(() -> {
            timedOut.set(true);
            closeQuietly(stream);
        });
        try {
            tls.handshake();
        } catch (IOException e) {
            String why = timedOut.get() ? "no TLS handshake within " + server.handshakeTimeout().toMillis()
                    + " ms (tls.handshake-timeout)" : "TLS handshake failed: " + e.getMessage();
            LOG.debug("{}: {}", stream.remoteAddress(), why);
            closeQuietly(stream);
            return;
        } finally {
            timeout.cancel(false);
        }
        if (timedOut.get()) {
            return;
        }
        LOG.debug("{}: {} with {}", stream.remoteAddress(), tls.engine().getSession().getProtocol(),
                tls.engine().getSession().getCipherSuite());
        INSIDE.set(Boolean.TRUE);
        try {
            stream.selectAgain(tls, name(), true);
        } catch (SSLException | ClosedChannelException | SocketException e) {
            LOG.debug("{}: TLS connection ended: {}", stream.remoteAddress(), e.toString());
        } finally {
            INSIDE.remove();
        }
    }

    /** Tells a plain-text client, in its form, that this server needs TLS; the transport then closes. */
    private static void refusePlain(ProtocolStream stream, byte first) throws IOException {
        LOG.info("{}: plain-text connection refused (tls.required=true)", stream.remoteAddress());
        boolean legacy = (first >= 0x20 && first < 0x7F) || first == '\t' || first == '\r' || first == '\n';
        Message error = Message.of(Verbs.ERROR).put("reason", REFUSAL);
        byte[] payload = WireCodec.basic(Frames.DEFAULT_MAX_FRAME_BYTES).encode(error,
                legacy ? PayloadForm.LINE : PayloadForm.JSON);
        ByteBuffer out = ByteBuffer.wrap(legacy ? payload : Frames.frame(payload));
        while (out.hasRemaining()) {
            stream.write(out);
        }
        stream.close();
    }

    private static void closeQuietly(ProtocolStream stream) {
        try {
            stream.close();
        } catch (IOException e) {
            LOG.debug("closing {} failed", stream.remoteAddress(), e);
        }
    }

    /** The connection's stream, with the byte already read to tell TLS from plain text given back first. */
    private record Replay(ByteBuffer first, ProtocolStream stream) implements ByteChannel {
        @Override
        public int read(ByteBuffer target) throws IOException {
            if (first.hasRemaining()) {
                if (!target.hasRemaining()) {
                    return 0;
                }
                target.put(first.get());
                return 1;
            }
            return stream.read(target);
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            return stream.write(source);
        }

        @Override
        public boolean isOpen() {
            return stream.isOpen();
        }

        @Override
        public void close() throws IOException {
            stream.close();
        }
    }
}
