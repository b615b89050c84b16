package parley.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/** Redis's RESP: SUBSCRIBE to join, PUBLISH to send, answered by the number of receivers. */
final class RespWire implements Wire {

    @Override
    public void join(SocketChannel channel, String name, String room) throws IOException {
        Io.writeAll(channel, command("SUBSCRIBE", room));
        awaitSubscribed(channel);
    }

    @Override
    public void sender(SocketChannel channel, String name, String room) {
        // a publisher needs nothing
    }

    /** A subscriber to a channel of its own: a connection in its idle, listening state. */
    @Override
    public void hello(SocketChannel channel, String name) throws IOException {
        join(channel, name, "idle-" + name);
    }

    @Override
    public Encoded message(String name, String room, byte[] body) {
        byte[] head = ("*3\r\n$7\r\nPUBLISH\r\n$" + room.length() + "\r\n" + room + "\r\n$" + body.length + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        return new Encoded(Io.concat(head, body, "\r\n".getBytes(StandardCharsets.US_ASCII)), head.length);
    }

    /** Integer replies ({@code :n}) are acknowledgements; an error reply ({@code -ERR ...}) ends the run. */
    @Override
    public Acks acks() {
        return new Acks() {
            private boolean lineStart = true;
            private byte kind;

            @Override
            public int feed(byte[] data, int from, int to) throws IOException {
                int acks = 0;
                for (int i = from; i < to; i++) {
                    byte b = data[i];
                    if (lineStart) {
                        kind = b;
                        lineStart = false;
                    }
                    if (b == '\n') {
                        if (kind == ':') {
                            acks++;
                        } else if (kind == '-') {
                            throw new IOException("Redis refused a PUBLISH");
                        }
                        lineStart = true;
                    }
                }
                return acks;
            }
        };
    }

    static byte[] command(String... words) {
        StringBuilder out = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            out.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitSubscribed(SocketChannel channel) throws IOException {
        ByteBuffer in = ByteBuffer.allocate(256);
        while (true) {
            if (channel.read(in) < 0) {
                throw new IOException("Redis closed the connection during SUBSCRIBE");
            }
            String text = new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
            if (text.startsWith("-")) {
                throw new IOException("Redis refused SUBSCRIBE: " + text.strip());
            }
            if (text.startsWith("*3\r\n") && text.matches("(?s).*\r\n:\\d+\r\n")) {
                return;
            }
            if (!in.hasRemaining()) {
                throw new IOException("unexpected answer to SUBSCRIBE: " + text);
            }
        }
    }
}
