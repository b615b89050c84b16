package parley.api.server;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.BadRequestException;
import parley.api.BinarySink;
import parley.api.Config;
import parley.api.Message;
import parley.api.Outbound;
import parley.api.Request;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.Sessions;
import parley.api.Services;
import parley.api.Verbs;
import parley.api.sequence.Sequences;
import parley.api.spi.Command;
import parley.api.transport.Connection;
import parley.api.transport.ConnectionHandler;
import parley.api.wire.WireCodec;
import tools.jackson.databind.JsonNode;

/**
 * The running kernel of one server: the context features see, and the handler transports call.
 * It turns each message into a call of the verb's {@link Command}, and keeps a failing command from
 * reaching further than an ERROR to its sender.
 */
final class Kernel implements ServerContext, ConnectionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    /**
     * A command, the plugin it came from, the context its requests see, and how many of its calls
     * are running (so an unload can wait for them).
     */
    record Registered(Command command, String plugin, ServerContext context, AtomicInteger inFlight) {
    }

    private final Config config;
    private final SessionRegistry sessions = new SessionRegistry();
    private final ServiceRegistry services = new ServiceRegistry();
    private final Timers timers = new Timers();
    private final SequenceEngine engine;
    private final AtomicLong sessionIds = new AtomicLong();
    private volatile WireCodec codec;
    private volatile Map<String, Registered> commands = Map.of();

    Kernel(Config config) {
        this.config = config;
        this.engine = new SequenceEngine(timers, config.get(ServerSettings.SEQUENCE_DEFAULT_TIMEOUT),
                config.get(ServerSettings.SEQUENCE_MAX_TIMEOUT));
        sessions.onClose((session, pseudo, reason) -> engine.disconnected(session));
    }

    void codec(WireCodec codec) {
        this.codec = codec;
    }

    WireCodec codec() {
        return codec;
    }

    void commands(Map<String, Registered> commands) {
        this.commands = Map.copyOf(commands);
    }

    Map<String, Registered> commands() {
        return commands;
    }

    SequenceEngine engine() {
        return engine;
    }

    SessionRegistry registry() {
        return sessions;
    }

    ServiceRegistry serviceRegistry() {
        return services;
    }

    Timers timerPool() {
        return timers;
    }

    // --- ServerContext

    @Override
    public Config config() {
        return config;
    }

    @Override
    public Sessions sessions() {
        return sessions;
    }

    @Override
    public Services services() {
        return services;
    }

    @Override
    public Sequences sequences() {
        return engine;
    }

    @Override
    public Outbound encodeOnce(Message message) {
        return new Outbound(message, codec);
    }

    @Override
    public void routeBinary(Session session, String tag, BinarySink sink) {
        ((KernelSession) session).route(tag, sink);
    }

    @Override
    public void unrouteBinary(Session session, String tag) {
        ((KernelSession) session).unroute(tag);
    }

    @Override
    public ScheduledExecutorService timers() {
        return timers;
    }

    // --- ConnectionHandler

    @Override
    public Session opened(Connection connection) {
        KernelSession session = new KernelSession(sessionIds.incrementAndGet(), connection, codec);
        sessions.opened(session);
        return session;
    }

    @Override
    public void received(Session session, Message message) {
        JsonNode seq = message.seq();
        if (seq != null && !validSeq(seq)) {
            session.send(Message.of(Verbs.ERROR).put("reason",
                    "seq must be a 32-bit integer or a string of 1 to 64 characters, got " + brief(seq.toString())));
            return;
        }
        Registered registered = commands.get(message.type());
        if (registered == null) {
            Request request = new Request(session, message, this);
            request.error("unknown type '" + brief(message.type()) + "': this server knows "
                    + String.join(", ", commands.keySet().stream().sorted().toList()) + " (send HELP for usage)");
            return;
        }
        Request request = new Request(session, message, registered.context());
        Command command = registered.command();
        if (command.requiresLogin() && !session.loggedIn()) {
            request.ko("not logged in: send LOGIN with your pseudo first");
            return;
        }
        registered.inFlight().incrementAndGet();
        try {
            if (commands.get(message.type()) != registered) { // withdrawn by an unload meanwhile
                request.error("unknown type '" + brief(message.type()) + "': its plugin was just unloaded");
                return;
            }
            command.handle(request);
        } catch (BadRequestException e) {
            request.error(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("plugin {} failed handling {} from {}", registered.plugin(), message.type(), session, e);
            request.error("internal error in " + message.type() + " (plugin " + registered.plugin()
                    + "); the server logged it");
        } finally {
            registered.inFlight().decrementAndGet();
        }
    }

    @Override
    public void receivedBinary(Session session, String tag, ByteBuffer data) {
        BinarySink sink = ((KernelSession) session).sink(tag);
        if (sink == null) {
            session.send(Message.of(Verbs.ERROR).put("reason", "no open binary stream '" + tag
                    + "': start one first (for a file, with SEND_FILE)"));
            return;
        }
        try {
            sink.accept(data);
        } catch (BadRequestException e) {
            session.send(Message.of(Verbs.ERROR).put("reason", e.getMessage()));
        } catch (Exception | LinkageError e) {
            LOG.warn("the binary stream '{}' of {} failed", tag, session, e);
            unrouteBinary(session, tag);
            session.send(Message.of(Verbs.ERROR).put("reason", "internal error in binary stream '" + tag
                    + "'; the server logged it and closed the stream"));
        }
    }

    @Override
    public void closed(Session session, String reason) {
        LOG.debug("{} closed: {}", session, reason);
        sessions.closed((KernelSession) session, reason);
    }

    static boolean validSeq(JsonNode seq) {
        if (seq.isString()) {
            int length = seq.stringValue().length();
            return length >= 1 && length <= 64;
        }
        if (seq.isIntegralNumber() && seq.canConvertToLong()) {
            long value = seq.longValue();
            return value >= Integer.MIN_VALUE && value <= 0xFFFF_FFFFL;
        }
        return false;
    }

    private static String brief(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
