package parley.bench;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * The {@link MinimalServer}'s protocol: frames as Parley's; {@code J} and a room's name joins it,
 * {@code S} and a room's name makes the connection send to it, {@code H} says hello, a payload starting
 * with {@code {} is a message for every other member of that room; each is acknowledged by an empty
 * frame. Messages are Parley's MSG frames byte for byte, so both servers move the same bytes in.
 */
final class MinimalWire implements Wire {

    private final ParleyWire parley = new ParleyWire();

    @Override
    public void join(SocketChannel channel, String name, String room) throws IOException {
        ask(channel, "J" + room);
    }

    @Override
    public void sender(SocketChannel channel, String name, String room) throws IOException {
        ask(channel, "S" + room);
    }

    @Override
    public void hello(SocketChannel channel, String name) throws IOException {
        ask(channel, "H");
    }

    private static void ask(SocketChannel channel, String what) throws IOException {
        Io.writeAll(channel, Io.frame(what));
        byte[] answer = Io.readFrame(channel);
        if (answer.length != 0) {
            throw new IOException("the minimal server answered " + new String(answer, StandardCharsets.UTF_8));
        }
    }

    @Override
    public Encoded message(String name, String room, byte[] body) {
        return parley.message(name, room, body);
    }

    @Override
    public Acks acks() {
        return new FrameAcks((data, at, length) -> length == 0 ? 1 : 0);
    }
}
