package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;

import parley.api.PayloadForm;
import parley.api.transport.ConnectionHandler;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.Detection;
import parley.api.transport.ProtocolStream;
import parley.api.wire.WireCodec;

/**
 * This transport's own protocols, the fallbacks asked after the plugins' ones: {@code legacy} (a first
 * byte that is a capital letter, the start of a verb) and {@code framed} (the high byte of a length,
 * which is 0 for any frame under 16 MiB, or any byte that is not text). Each opens a kernel session and
 * reads its messages in a {@link ReadLoop}, reporting bad input to the kernel (which answers ERROR; this
 * transport never builds a protocol message). {@link #serve} may return with the loop stopped while the
 * connection is idle (left on the stream, see {@link TcpStream#takeStopped}), not done.
 */
final class KernelProtocol implements ConnectionProtocol {

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
        new ReadLoop(form, stream, handler.opened(connection), codec, transport).run();
    }
}
