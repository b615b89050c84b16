package parley.api.transport;

import parley.api.Config;
import parley.api.wire.WireCodec;

/**
 * What a server transport gets at start-up.
 *
 * @param config  the server's settings; a transport declares and reads its own (host, port, limits)
 * @param handler where to report connections and messages
 * @param codec   decodes what clients send: knows every plugin's legacy shapes and the frame limit
 */
public record TransportContext(Config config, ConnectionHandler handler, WireCodec codec) {
}
