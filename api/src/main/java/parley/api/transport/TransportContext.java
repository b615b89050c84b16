package parley.api.transport;

import java.util.List;

import parley.api.Config;
import parley.api.wire.WireCodec;

/**
 * What a server transport gets at start-up.
 *
 * @param config    the server's settings; a transport declares and reads its own (host, port, limits)
 * @param handler   where to report connections and messages
 * @param codec     decodes what clients send: knows every plugin's legacy shapes and the frame limit
 * @param protocols the plugins' {@link ConnectionProtocol}s, made for this server, in plugin start order; a
 *                  byte-stream transport asks them before its own (see {@link ConnectionProtocol#priority()})
 */
public record TransportContext(Config config, ConnectionHandler handler, WireCodec codec,
                               List<ConnectionProtocol> protocols) {

    public TransportContext {
        protocols = List.copyOf(protocols);
    }

    /** A context with no plugin protocols. */
    public TransportContext(Config config, ConnectionHandler handler, WireCodec codec) {
        this(config, handler, codec, List.of());
    }
}
