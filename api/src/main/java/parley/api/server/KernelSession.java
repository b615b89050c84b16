package parley.api.server;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import parley.api.BinarySink;
import parley.api.Message;
import parley.api.Outbound;
import parley.api.PayloadForm;
import parley.api.Session;
import parley.api.transport.Connection;
import parley.api.wire.BinaryFrame;
import parley.api.wire.WireCodec;

/**
 * The kernel's {@link Session}: a transport connection, the pseudo it holds, its binary routes, the
 * plugins' per-session values, and the clock the keepalive reads.
 */
final class KernelSession implements Session {

    private final long id;
    private final Connection connection;
    private final WireCodec codec;
    private volatile String pseudo;
    private volatile String key;
    private volatile Map<String, BinarySink> routes;
    private final Map<Object, Object> states = new ConcurrentHashMap<>(2);
    private final long openedAt = System.nanoTime();
    private volatile long lastRead = openedAt;
    private volatile boolean pinged;
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

    /** Gives the session its pseudo and that pseudo's {@link parley.api.Names#key}, computed once by the caller. */
    void pseudo(String pseudo, String key) {
        this.key = key;
        this.pseudo = pseudo;
    }

    /** The {@link parley.api.Names#key} of {@link #pseudo()}, {@code null} before LOGIN: computed once per login. */
    String pseudoKey() {
        return key;
    }

    private volatile boolean authenticated;

    @Override
    public boolean authenticated() {
        return authenticated;
    }

    void authenticated(boolean authenticated) {
        this.authenticated = authenticated;
    }

    private volatile boolean operator;

    @Override
    public boolean operator() {
        return operator;
    }

    void operator(boolean operator) {
        this.operator = operator;
    }

    @Override
    public PayloadForm form() {
        return connection.form();
    }

    @Override
    public String protocol() {
        return connection.protocol();
    }

    @Override
    public boolean secure() {
        return connection.secure();
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
        return connection.offer(message.payload(connection.form()));
    }

    /** The payloads queued to this session's connection so far: {@link Connection#offered()}. */
    long offered() {
        return connection.offered();
    }

    @Override
    public boolean sendBinary(String tag, byte[] data, int offset, int length) {
        requireJson();
        return connection.offer(BinaryFrame.payload(tag, data, offset, length));
    }

    @Override
    public boolean sendBinary(String tag, ByteBuffer data, Runnable release) {
        byte[] head;
        try {
            requireJson();
            head = BinaryFrame.head(tag);
        } catch (RuntimeException e) {
            release.run();
            throw e;
        }
        return connection.offerBinary(head, data, release);
    }

    private void requireJson() {
        if (form() != PayloadForm.JSON) {
            throw new UnsupportedOperationException("binary frames need a JSON connection; " + this + " speaks lines");
        }
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

    /** The plugins' per-session values, keyed by their {@code SessionState}. */
    Map<Object, Object> states() {
        return states;
    }

    /** Records that the client sent something: it is alive. */
    void touch() {
        lastRead = System.nanoTime();
        pinged = false;
    }

    long silentNanos(long now) {
        return now - lastRead;
    }

    /** How long the session has been open, for the login timeout. */
    long openNanos(long now) {
        return now - openedAt;
    }

    /** True the first time after the last read: the keepalive sends one PING per silence. */
    boolean markPinged() {
        if (pinged) {
            return false;
        }
        pinged = true;
        return true;
    }

    /** Set by {@link #close}: the server closed it on purpose, so it is not resumable. */
    private volatile boolean closedOnPurpose;
    private volatile boolean resumable;

    @Override
    public boolean resumable() {
        return resumable;
    }

    void resumable(boolean resumable) {
        this.resumable = resumable;
    }

    boolean closedOnPurpose() {
        return closedOnPurpose;
    }

    /**
     * Closes the connection as a drop, not on purpose: the user may resume (the keepalive's idle
     * timeout: a client gone silent is a client whose network went away).
     */
    void drop(String reason) {
        connection.close(reason);
    }

    @Override
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close(String reason) {
        closedOnPurpose = true;
        connection.close(reason);
    }

    @Override
    public String toString() {
        String who = pseudo == null ? "not logged in" : pseudo;
        return "session " + id + " (" + who + ", " + connection.remoteAddress() + ", " + protocol() + ")";
    }
}
