package parley.api.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import parley.api.Config;
import parley.api.Message;
import parley.api.plugin.Plugin;

/**
 * A real server made of embedded plugins and a {@link MemoryTransport}: the kernel's tests drive it
 * through its entry points, without sockets.
 */
final class KernelFixture implements AutoCloseable {

    final ParleyServer server;
    final MemoryTransport transport;

    private KernelFixture(ParleyServer server, MemoryTransport transport) {
        this.server = server;
        this.transport = transport;
    }

    static KernelFixture start(Plugin... plugins) {
        return start(Config.empty(), plugins);
    }

    static KernelFixture start(Config config, Plugin... plugins) {
        MemoryTransport transport = new MemoryTransport();
        List<Plugin> all = new ArrayList<>();
        all.add(Plugin.builder("memory-transport").transport(() -> transport).build());
        all.addAll(List.of(plugins));
        try {
            return new KernelFixture(ParleyServer.start(config, all, List.of()), transport);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    MemoryConnection connect() {
        return transport.connect();
    }

    /** A connection logged in as {@code pseudo}; its DISPLAY_ROOM answer is already read. */
    MemoryConnection login(String pseudo) {
        MemoryConnection connection = connect();
        Message answer = connection.call(Message.of("LOGIN").put("pseudo", pseudo));
        if (!answer.type().equals("DISPLAY_ROOM")) {
            throw new AssertionError("LOGIN " + pseudo + " got " + answer);
        }
        return connection;
    }

    @Override
    public void close() {
        server.close();
    }
}
