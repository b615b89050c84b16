package parley.transport.tcp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.PayloadForm;
import parley.api.transport.ConnectionHandler;
import parley.api.transport.ConnectionProtocol;
import parley.api.transport.Detection;

/**
 * Chooses a connection's protocol from its first bytes: the plugins' protocols, then this transport's
 * own (legacy lines, then frames), by priority (stable: plugin start order within a priority). Reads
 * more of the head while a protocol asked first needs more, up to {@link ConnectionProtocol#HEAD_LIMIT}
 * bytes; the first-bytes scan of {@link TcpTransport} bounds the time. Runs on the reader thread.
 */
final class ProtocolSelector {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSelector.class);

    private final List<ConnectionProtocol> protocols;
    private final ConnectionHandler handler;

    ProtocolSelector(List<ConnectionProtocol> plugins, List<ConnectionProtocol> own, ConnectionHandler handler) {
        List<ConnectionProtocol> all = new ArrayList<>(plugins);
        all.addAll(own);
        all.sort(Comparator.comparingInt(ConnectionProtocol::priority).reversed()); // stable
        this.protocols = List.copyOf(all);
        this.handler = handler;
    }

    /** Reads the head of {@code stream}, hands the stream to the protocol it starts, and returns when that is done. */
    void select(TcpStream stream) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(ConnectionProtocol.HEAD_LIMIT);
        if (stream.readFresh(head) < 0) {
            return; // closed before saying anything
        }
        boolean ended = false;
        while (true) {
            boolean last = ended || !head.hasRemaining();
            ConnectionProtocol chosen = null;
            boolean waiting = false;
            for (ConnectionProtocol protocol : protocols) {
                Detection detection = detect(protocol, head.duplicate().flip().asReadOnlyBuffer());
                if (detection == Detection.MATCH) {
                    chosen = protocol;
                    break;
                }
                if (detection == Detection.NEED_MORE && !last) {
                    waiting = true;
                    break;
                }
            }
            if (chosen != null) {
                stream.pushBack(head.flip());
                head = null; // the stream holds it until it is read, not this frame while the protocol serves
                stream.connection().selecting(false);
                if (stream.connection().refusal() != null && !(chosen instanceof KernelProtocol)) {
                    stream.connection().abort(stream.connection().refusal()); // only Parley's own forms get an ERROR
                    return;
                }
                chosen.serve(stream);
                return;
            }
            if (!waiting) {
                TcpConnection connection = stream.connection();
                connection.protocol(PayloadForm.LINE, stream.protocol() + "/legacy", stream.outbound(), stream.secure());
                handler.refuse(connection, "a legacy line starts with a verb in capitals, like LOGIN \"alice\"");
                return;
            }
            if (stream.readFresh(head) < 0) {
                ended = true;
            }
        }
    }

    private static Detection detect(ConnectionProtocol protocol, ByteBuffer head) {
        try {
            Detection detection = protocol.detect(head);
            return detection == null ? Detection.NO_MATCH : detection;
        } catch (RuntimeException e) {
            LOG.warn("protocol {} failed to look at a connection's first bytes; taken as no match", protocol.name(), e);
            return Detection.NO_MATCH;
        }
    }
}
