package parley.api.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

import parley.api.BinarySink;
import parley.api.Message;
import parley.api.Verbs;
import parley.api.transport.ClientConnection;
import parley.api.transport.ClientConnector;
import parley.api.wire.Frames;
import parley.api.wire.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The programmatic client: a framed connection with request/reply correlation by {@code seq}.
 *
 * <p>{@link #request} gives each request a fresh integer {@code seq} (unless it has one) and returns
 * a future completed by the first message carrying that seq back: OK, KO, ERROR, DISPLAY_ROOM, ACK...
 * (a SEQUENCE_RESULT push is never a reply, though its seq is the id a sequence's answers carry).
 * Every other message is a push: it goes to the listeners, then to a bounded queue read by
 * {@link #nextPush} and {@link #awaitPush} (when full, the oldest push is dropped and counted).
 * The client answers the server's PING by itself. Thread-safe.
 */
public final class ParleyClient implements AutoCloseable {

    /** How long the blocking helpers wait for an answer. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final ClientConnection connection;
    private final Options options;
    private final AtomicInteger nextSeq = new AtomicInteger();
    private final Map<String, CompletableFuture<Message>> pending = new ConcurrentHashMap<>();
    private final Map<String, SequenceHandle> sequences = new ConcurrentHashMap<>();
    private final Map<String, SequenceHandle> busy = new ConcurrentHashMap<>();
    private final List<Consumer<Message>> listeners = new CopyOnWriteArrayList<>();
    private final BlockingDeque<Message> pushes;
    private final AtomicLong droppedPushes = new AtomicLong();
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final Map<String, BinarySink> binarySinks = new ConcurrentHashMap<>();
    private volatile java.util.function.BiConsumer<String, Exception> binaryFailures = (tag, e) -> { };
    private volatile String pseudo;
    private volatile Message loginAnswer;

    /**
     * Client settings.
     *
     * @param connectTimeout   how long to try to reach the server
     * @param maxFrameBytes    largest frame accepted from the server
     * @param pushQueueCapacity pushes kept for {@link #nextPush}; 0 keeps none
     */
    public record Options(Duration connectTimeout, int maxFrameBytes, int pushQueueCapacity) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(10), 16 * Frames.DEFAULT_MAX_FRAME_BYTES, 100_000);
        }

        public Options withPushQueueCapacity(int capacity) {
            return new Options(connectTimeout, maxFrameBytes, capacity);
        }
    }

    private ParleyClient(ClientConnector connector, String host, int port, Options options) throws IOException {
        this.options = options;
        this.pushes = new LinkedBlockingDeque<>(Math.max(1, options.pushQueueCapacity()));
        this.connection = connector.connect(host, port, options.connectTimeout(), options.maxFrameBytes(),
                new ClientConnection.Listener() {
                    @Override
                    public void received(Message message) {
                        dispatch(message);
                    }

                    @Override
                    public void receivedBinary(String tag, java.nio.ByteBuffer data) {
                        BinarySink sink = binarySinks.get(tag);
                        if (sink == null) {
                            return;
                        }
                        try {
                            sink.accept(data);
                        } catch (Exception e) {
                            binarySinks.remove(tag, sink);
                            binaryFailures.accept(tag, e);
                        }
                    }

                    @Override
                    public void closed(String reason) {
                        shutdown(reason);
                    }
                });
    }

    /** Connects in plain text with the connector found on the module path (the transport-tcp plugin, {@code tcp}). */
    public static ParleyClient connect(String host, int port) throws IOException {
        return connect(host, port, Options.defaults());
    }

    /** As {@link #connect(String, int)}, with these options. */
    public static ParleyClient connect(String host, int port, Options options) throws IOException {
        List<ClientConnector> connectors = ServiceLoader.load(ModuleLayer.boot(), ClientConnector.class).stream()
                .map(ServiceLoader.Provider::get).toList();
        ClientConnector connector = connectors.stream().filter(c -> c.name().equals("tcp")).findFirst()
                .or(() -> connectors.stream().findFirst())
                .orElseThrow(() -> new IOException("no client connector on the module path:"
                        + " add the transport-tcp plugin (parley-transport-tcp.jar)"));
        return connect(connector, host, port, options);
    }

    public static ParleyClient connect(ClientConnector connector, String host, int port, Options options)
            throws IOException {
        return new ParleyClient(connector, host, port, options);
    }

    // --- requests

    /**
     * Sends a request and returns the future of its answer. Gives it a fresh integer seq unless it
     * has one. The future fails with {@link ClientException} if the connection closes first.
     */
    public CompletableFuture<Message> request(Message message) {
        if (message.seq() == null) {
            message.put(Message.SEQ, nextSeq.incrementAndGet());
        }
        String key = key(message.seq());
        CompletableFuture<Message> answer = new CompletableFuture<>();
        if (pending.putIfAbsent(key, answer) != null) {
            answer.completeExceptionally(new ClientException("seq " + key + " is already waiting for an answer"));
            return answer;
        }
        if (closed.isDone()) {
            pending.remove(key, answer);
            answer.completeExceptionally(new ClientException("connection closed: " + closed.getNow("")));
            return answer;
        }
        try {
            connection.send(message);
        } catch (IOException e) {
            pending.remove(key, answer);
            answer.completeExceptionally(new ClientException("cannot send " + message.type() + ": " + e.getMessage(), e));
        }
        return answer;
    }

    /** Sends a request and waits for its answer, whatever it is. */
    public Message call(Message message, Duration timeout) {
        return await(request(message), message.type(), timeout);
    }

    /** As {@link #call(Message, Duration)}, then insists on an answer of type {@code expected}. */
    public Message expect(Message message, String expected) {
        Message reply = call(message, DEFAULT_TIMEOUT);
        if (!expected.equals(reply.type())) {
            throw new RefusedException(message.type(), reply);
        }
        return reply;
    }

    /** Sends without waiting for, or tracking, an answer. */
    public void send(Message message) throws IOException {
        connection.send(message);
    }

    // --- identity

    /**
     * Logs in. Returns the server's answer, {@code DISPLAY_ROOM}, which the plugins fill in (the rooms
     * plugin lists its rooms there), or throws {@link RefusedException} on KO.
     */
    public Message login(String pseudo) {
        return login(pseudo, null);
    }

    /**
     * Logs in with a password (for a server whose accounts plugin registered the pseudo); {@code null}
     * sends none. As {@link #login(String)} otherwise.
     */
    public Message login(String pseudo, String password) {
        Message login = Message.of(Verbs.LOGIN).put("pseudo", pseudo);
        if (password != null) {
            login.put("password", password);
        }
        Message reply = expect(login, Verbs.DISPLAY_ROOM);
        this.pseudo = pseudo;
        this.loginAnswer = reply;
        return reply;
    }

    /**
     * Logs in again after a drop, with the {@link #resumeToken()} of the connection that dropped: the
     * server gives back the pseudo and whatever its plugins kept (the rooms plugin: the memberships,
     * with the last id each room handed the dropped connection, in {@code memberships}); the answer has
     * {@code resumed: true} and a new token. Throws {@link RefusedException} on KO (the token unknown,
     * used, expired, the pseudo taken meanwhile, the old connection not yet seen as dropped): then log
     * in plainly.
     */
    public Message resume(String pseudo, String token) {
        Message reply = expect(Message.of(Verbs.LOGIN).put("pseudo", pseudo).put("resume", token), Verbs.DISPLAY_ROOM);
        this.pseudo = pseudo;
        this.loginAnswer = reply;
        return reply;
    }

    /**
     * The resume token of the last successful login on this connection, to log in again with
     * {@link #resume} if it drops; {@code null} when the server gave none (resuming off, or before login).
     */
    public String resumeToken() {
        Message answer = loginAnswer;
        return answer == null ? null : answer.text("resume");
    }

    /** The answer to the last successful {@link #login}, or {@code null} before one. */
    public Message loginAnswer() {
        return loginAnswer;
    }

    public String pseudo() {
        return pseudo;
    }

    // --- sequences

    /**
     * Starts a sequence and returns its handle at once. Refuses locally, without asking the server,
     * while this client already runs a sequence of the same action and scope.
     *
     * @param scope         what the action blocks on, e.g. the room for a file upload; "" for the whole action
     * @param clientTimeout how long the handle waits for COMPLETE or ERROR before failing on its own
     */
    public SequenceHandle begin(Message start, String action, String scope, Duration clientTimeout) {
        if (start.seq() == null) {
            start.put(Message.SEQ, nextSeq.incrementAndGet());
        }
        String busyKey = action + "/" + scope;
        JsonNode seq = start.seq();
        String key = key(seq);
        CompletableFuture<Message> ack = new CompletableFuture<>();
        SequenceHandle[] self = new SequenceHandle[1];
        SequenceHandle handle = new SequenceHandle(action, seq, ack, () -> {
            busy.remove(busyKey, self[0]);
            sequences.remove(key, self[0]);
        });
        self[0] = handle;
        SequenceHandle running = busy.putIfAbsent(busyKey, handle);
        if (running != null) {
            throw new IllegalStateException("busy: " + action + " sequence " + running.seq()
                    + " is still running; wait for its result");
        }
        sequences.put(key, handle);
        request(start).whenComplete((reply, error) -> {
            if (error != null) {
                ack.completeExceptionally(error);
                handle.fail(error);
            } else {
                ack.complete(reply);
            }
        });
        CompletableFuture.delayedExecutor(clientTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
            if (handle.isDone()) {
                return;
            }
            TimeoutException timeout = new TimeoutException(action + " sequence " + seq
                    + ": no COMPLETE or ERROR within " + clientTimeout);
            if (ack.completeExceptionally(timeout)) {
                pending.remove(key); // the server never answered at all
            }
            handle.fail(timeout);
        });
        return handle;
    }

    /** Starts a {@code BEGIN_SEQUENCE} of {@code action} in {@code room} (may be null) with these details. */
    public SequenceHandle beginSequence(String action, String room, ObjectNode details, Duration clientTimeout) {
        Message start = Message.of(Verbs.BEGIN_SEQUENCE).put("action", action);
        if (room != null) {
            start.put("room", room);
        }
        start.put("details", details == null ? Json.object() : details);
        return begin(start, action, "", clientTimeout);
    }

    // --- binary streams

    /** Sends one binary frame of {@code length} bytes for {@code tag}; blocks while the socket is full. */
    public void sendBinary(String tag, byte[] data, int offset, int length) throws IOException {
        connection.sendBinary(tag, data, offset, length);
    }

    /**
     * Routes binary frames with this tag to {@code sink}, on the reader thread, until
     * {@link #removeBinary}. A sink that throws is removed and reported to {@link #onBinaryFailure}.
     */
    public void onBinary(String tag, BinarySink sink) {
        binarySinks.put(tag, sink);
    }

    public void removeBinary(String tag) {
        binarySinks.remove(tag);
    }

    /** Told when a binary sink throws (it has been removed). */
    public void onBinaryFailure(java.util.function.BiConsumer<String, Exception> handler) {
        this.binaryFailures = handler;
    }

    // --- pushes

    /**
     * Adds a listener called for every push, on the connection's reader thread, before the queue. A push
     * already on its way through the listeners when this is called does not reach the new one.
     */
    public void onPush(Consumer<Message> listener) {
        listeners.add(listener);
    }

    /** The next push, waiting up to {@code timeout}; {@code null} if none came. */
    public Message nextPush(Duration timeout) {
        try {
            return pushes.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The next push that matches. Pushes before it that do not match stay queued, in order, for later
     * calls.
     *
     * @throws ClientException when none came within {@code timeout}
     */
    public Message awaitPush(Predicate<Message> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.ArrayDeque<Message> skipped = new java.util.ArrayDeque<>();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Message push = left <= 0 ? pushes.poll() : nextPush(Duration.ofNanos(left));
                if (push == null) {
                    throw new ClientException("no matching push within " + timeout
                            + (closed.isDone() ? " (connection closed: " + closed.getNow("") + ")" : ""));
                }
                if (matching.test(push)) {
                    return push;
                }
                skipped.addLast(push);
            }
        } finally {
            while (!skipped.isEmpty()) {
                pushes.offerFirst(skipped.pollLast());
            }
        }
    }

    /** The next push of this type; others before it stay queued. */
    public Message awaitPush(String type, Duration timeout) {
        return awaitPush(m -> type.equals(m.type()), timeout);
    }

    /** Pushes dropped because the queue was full. */
    public long droppedPushes() {
        return droppedPushes.get();
    }

    // --- connection

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** Completes with the reason when the connection closes. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    public InetSocketAddress localAddress() {
        return connection.localAddress();
    }

    /**
     * The server's address as this client reached it: the host it dialled, resolved. A plugin that
     * opens a second connection to the same server (a relay) dials this host.
     */
    public InetSocketAddress remoteAddress() {
        return connection.remoteAddress();
    }

    @Override
    public void close() {
        connection.close();
    }

    private void dispatch(Message message) {
        JsonNode seq = message.seq();
        boolean answered = false;
        if (seq != null && !Verbs.SEQUENCE_RESULT.equals(message.type())) { // a push, even with a known seq
            String key = key(seq);
            CompletableFuture<Message> waiting = pending.remove(key);
            if (waiting != null) {
                waiting.complete(message);
                answered = true;
            }
            String type = message.type();
            if (Verbs.COMPLETE.equals(type) || Verbs.ERROR.equals(type)) {
                SequenceHandle handle = sequences.remove(key);
                if (handle != null) {
                    handle.finish(message);
                    answered = true;
                }
            }
        }
        if (answered) {
            return;
        }
        if (Verbs.PING.equals(message.type())) {
            try {
                connection.send(Message.of(Verbs.PONG).replyTo(message));
            } catch (IOException e) {
                // the reader will see the close
            }
            return;
        }
        for (Consumer<Message> listener : listeners) {
            listener.accept(message);
        }
        if (options.pushQueueCapacity() > 0) {
            while (!pushes.offerLast(message)) {
                if (pushes.pollFirst() != null) {
                    droppedPushes.incrementAndGet();
                }
            }
        }
    }

    private void shutdown(String reason) {
        closed.complete(reason);
        ClientException gone = new ClientException("connection closed: " + reason);
        pending.values().forEach(f -> f.completeExceptionally(gone));
        pending.clear();
        sequences.values().forEach(h -> h.fail(gone));
    }

    private Message await(CompletableFuture<Message> answer, String what, Duration timeout) {
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ClientException(what + ": no answer within " + timeout, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ClientException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClientException("interrupted", e);
        }
    }

    private static String key(JsonNode seq) {
        return seq.isString() ? seq.stringValue() : seq.asString();
    }
}
