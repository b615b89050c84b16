package parley.api.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.BinarySink;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.Session;
import parley.api.WireForm;
import parley.api.transport.Connection;
import parley.api.wire.BinaryFrame;
import parley.api.wire.WireCodec;

/** The kernel's {@link Session}: a transport connection plus the pseudo it claimed. */
final class KernelSession implements Session {

    private final long id;
    private final Connection connection;
    private final WireCodec codec;
    private volatile String pseudo;
    private volatile Map<String, BinarySink> routes;

    KernelSession(long id, Connection connection, WireCodec codec) {
        this.id = id;
        this.connection = connection;
        this.codec = codec;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String pseudo() {
        return pseudo;
    }

    void pseudo(String pseudo) {
        this.pseudo = pseudo;
    }

    @Override
    public WireForm form() {
        return connection.form();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public boolean send(Message message) {
        return connection.offer(codec.encode(message, connection.form()));
    }

    @Override
    public boolean send(Outbound message) {
        return connection.offer(message.bytes(connection.form()));
    }

    @Override
    public boolean sendBinary(String tag, byte[] data, int offset, int length) {
        if (form() != WireForm.FRAMED) {
            throw new UnsupportedOperationException("binary frames need a framed connection; " + this + " is legacy");
        }
        return connection.offer(BinaryFrame.frame(tag, data, offset, length));
    }

    @Override
    public boolean sendBinary(String tag, ByteBuffer data, Runnable release) {
        if (form() != WireForm.FRAMED) {
            release.run();
            throw new UnsupportedOperationException("binary frames need a framed connection; " + this + " is legacy");
        }
        byte[] header;
        try {
            header = BinaryFrame.header(tag, data.remaining());
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return connection.offer(header, data, release);
    }

    @Override
    public boolean awaitQueuedBelow(long bytes, Duration timeout) throws InterruptedException {
        return connection.awaitQueuedBelow(bytes, timeout);
    }

    /** Adds a binary route; throws if the tag is taken. */
    void route(String tag, BinarySink sink) {
        Map<String, BinarySink> map = routes;
        if (map == null) {
            synchronized (this) {
                map = routes;
                if (map == null) {
                    map = new ConcurrentHashMap<>();
                    routes = map;
                }
            }
        }
        if (map.putIfAbsent(tag, sink) != null) {
            throw new IllegalStateException(this + " already has a binary stream '" + tag + "'");
        }
    }

    void unroute(String tag) {
        Map<String, BinarySink> map = routes;
        if (map != null) {
            map.remove(tag);
        }
    }

    BinarySink sink(String tag) {
        Map<String, BinarySink> map = routes;
        return map == null ? null : map.get(tag);
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close(String reason) {
        connection.close(reason);
    }

    @Override
    public String toString() {
        String who = pseudo == null ? "not logged in" : pseudo;
        return "session " + id + " (" + who + ", " + connection.remoteAddress() + ", " + form() + ")";
    }
}
