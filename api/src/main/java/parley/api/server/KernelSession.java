package parley.api.server;

import java.net.InetSocketAddress;

import parley.api.Message;
import parley.api.Outbound;
import parley.api.Session;
import parley.api.WireForm;
import parley.api.transport.Connection;
import parley.api.wire.WireCodec;

/** The kernel's {@link Session}: a transport connection plus the pseudo it claimed. */
final class KernelSession implements Session {

    private final long id;
    private final Connection connection;
    private final WireCodec codec;
    private volatile String pseudo;

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
