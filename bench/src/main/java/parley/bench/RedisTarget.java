package parley.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code redis-server} with no persistence, room for the idle connections, on loopback only. */
final class RedisTarget extends Target {

    private final String executable;

    RedisTarget(String executable) {
        super("redis", new RespWire());
        this.executable = executable;
    }

    @Override
    List<String> command(int port) {
        return List.of(executable, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no", "--maxclients", "20000", "--protected-mode", "no", "--loglevel", "warning");
    }

    /** What Redis counts as its own memory ({@code INFO memory}: used_memory). */
    @Override
    long heapBytes() throws IOException {
        try (SocketChannel channel = SocketChannel.open(address())) {
            Io.writeAll(channel, RespWire.command("INFO", "memory"));
            ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            Pattern used = Pattern.compile("used_memory:(\\d+)\\r\\n");
            while (channel.read(in) >= 0) {
                Matcher m = used.matcher(new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                if (m.find()) {
                    return Long.parseLong(m.group(1));
                }
            }
        }
        throw new IOException("no used_memory in Redis's INFO memory");
    }
}
