package parley.bench;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Parley's framed JSON protocol (docs/PROTOCOL.md): LOGIN, JOIN_ROOM, MSG, each answered. */
final class ParleyWire implements Wire {

    @Override
    public void join(SocketChannel channel, String name, String room) throws IOException {
        Io.writeAll(channel, Io.concat(login(name), Io.frame("{\"type\":\"JOIN_ROOM\",\"room\":\"" + room + "\"}")));
        await(channel, "{\"type\":\"OK\"");
    }

    @Override
    public void sender(SocketChannel channel, String name, String room) throws IOException {
        join(channel, name, room); // only a member may speak in a room
    }

    @Override
    public void hello(SocketChannel channel, String name) throws IOException {
        Io.writeAll(channel, login(name));
        await(channel, "{\"type\":\"DISPLAY_ROOM\"");
    }

    @Override
    public Encoded message(String name, String room, byte[] body) {
        String head = "{\"type\":\"MSG\",\"room\":\"" + room + "\",\"pseudo\":\"" + name + "\",\"msg\":\"";
        byte[] json = Io.concat(head.getBytes(StandardCharsets.US_ASCII), body, "\"}".getBytes(StandardCharsets.US_ASCII));
        return new Encoded(Io.frame(json), 4 + head.length());
    }

    @Override
    public Acks acks() {
        return new FrameAcks(FrameAcks::parley);
    }

    private static byte[] login(String name) {
        return Io.frame("{\"type\":\"LOGIN\",\"pseudo\":\"" + name + "\"}");
    }

    /** Reads frames until one starts with {@code prefix}; a KO or an ERROR fails with the server's reason. */
    private static void await(SocketChannel channel, String prefix) throws IOException {
        while (true) {
            byte[] payload = Io.readFrame(channel);
            if (FrameAcks.startsWith(payload, 0, payload.length, prefix)) {
                return;
            }
            if (FrameAcks.startsWith(payload, 0, payload.length, "{\"type\":\"KO\"")
                    || FrameAcks.startsWith(payload, 0, payload.length, "{\"type\":\"ERROR\"")) {
                throw new IOException("Parley refused: " + new String(payload, StandardCharsets.UTF_8));
            }
        }
    }
}
