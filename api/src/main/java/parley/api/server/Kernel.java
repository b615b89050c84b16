package parley.api.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
import parley.api.RequestFilter;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.Verbs;
import parley.api.Verdict;
import parley.api.spi.Command;
import parley.api.transport.Connection;
import parley.api.transport.ConnectionHandler;
import parley.api.transport.Inbound;
import parley.api.wire.WireCodec;
import tools.jackson.databind.JsonNode;

/**
 * The running kernel of one server: the handler transports call, the dispatcher, and the registries
 * the plugins' contexts write to. It turns each message into a call of the verb's {@link Command},
 * after the filters, and keeps a failing command from reaching further than an ERROR to its sender.
 */
final class Kernel implements ConnectionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    /**
     * A command, the plugin it came from, the context its requests see, and how many of its calls
     * are running (so an unload can wait for them).
     */
    record Registered(Command command, String plugin, ServerContext context, AtomicInteger inFlight) {
    }

    /** A filter, its plugin, and the order it was added in (ties keep that order). */
    record Filter(RequestFilter filter, String plugin, long added) {
    }

    private static final Comparator<Filter> FILTER_ORDER =
            Comparator.comparingInt((Filter f) -> f.filter().order()).thenComparingLong(Filter::added);

    private final Config config;
    private final SessionRegistry sessions;
    private final ServiceRegistry services = new ServiceRegistry();
    private final Timers timers = new Timers();
    private final Resumes resumes;
    private final SequenceEngine engine;
    private final Identity identity;
    private final FigureBoard figures;
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong filterIds = new AtomicLong();
    private final Map<Long, KernelSession> byId = new ConcurrentHashMap<>();
    private final List<Filter> filterList = new CopyOnWriteArrayList<>();
    private volatile List<Filter> filters = List.of();
    private volatile WireCodec codec;
    private volatile Map<String, Registered> commands = Map.of();
    /** Requests being dispatched now, for a shutdown that waits for them. */
    private final AtomicInteger dispatching = new AtomicInteger();
    private volatile boolean stopping;

    Kernel(Config config) {
        this.config = config;
        this.resumes = new Resumes(config.get(ServerSettings.RESUME_WINDOW), timers);
        this.sessions = new SessionRegistry(resumes);
        this.figures = new FigureBoard(sessions);
        this.engine = new SequenceEngine(timers, config.get(ServerSettings.SEQUENCE_DEFAULT_TIMEOUT),
                config.get(ServerSettings.SEQUENCE_MAX_TIMEOUT));
        this.identity = new Identity(sessions, Operators.parse(config.get(ServerSettings.OPERATORS)), resumes);
        figures.sequences(engine::activeCount);
        sessions.onClose((session, pseudo, reason) -> engine.disconnected(session));
        addFilter(new LoginRequired(), "kernel");
    }

    void codec(WireCodec codec) {
        this.codec = codec;
    }

    WireCodec codec() {
        return codec;
    }

    Config config() {
        return config;
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

    FigureBoard figureBoard() {
        return figures;
    }

    Identity identity() {
        return identity;
    }

    Resumes resumes() {
        return resumes;
    }

    Timers timerPool() {
        return timers;
    }

    Outbound encodeOnce(Message message) {
        return new Outbound(message, codec);
    }

    /** Adds a filter; the returned registration removes it. */
    parley.api.Registration addFilter(RequestFilter filter, String plugin) {
        Filter entry = new Filter(filter, plugin, filterIds.incrementAndGet());
        filterList.add(entry);
        publishFilters();
        return () -> {
            if (filterList.remove(entry)) {
                publishFilters();
            }
        };
    }

    private void publishFilters() {
        List<Filter> sorted = new ArrayList<>(filterList);
        sorted.sort(FILTER_ORDER);
        filters = List.copyOf(sorted);
    }

    /** The session of this server with this id, whatever object a plugin hands back. */
    KernelSession session(Session session) {
        KernelSession own = session == null ? null : byId.get(session.id());
        if (own == null || own != session) {
            throw new IllegalArgumentException("not an open session of this server: " + session);
        }
        return own;
    }

    void routeBinary(Session session, String tag, BinarySink sink) {
        session(session).route(tag, sink);
    }

    void unrouteBinary(Session session, String tag) {
        KernelSession own = byId.get(session.id());
        if (own != null) {
            own.unroute(tag);
        }
    }

    // --- ConnectionHandler

    @Override
    public Inbound opened(Connection connection) {
        KernelSession session = new KernelSession(sessionIds.incrementAndGet(), connection, codec);
        byId.put(session.id(), session);
        LOG.info("connection opened: {} {} (session {})", connection.remoteAddress(), connection.protocol(), session.id());
        sessions.opened(session);
        return new SessionInbound(session);
    }

    @Override
    public parley.api.Registration addFigures(String transport, parley.api.FigureSource source) {
        return figures.add(source, "transport " + transport);
    }

    @Override
    public void refuse(Connection connection, String reason) {
        connection.offer(codec.encode(error(reason), connection.form()));
        connection.close(reason);
    }

    /** One connection's reports, bound to its session. */
    private final class SessionInbound implements Inbound {

        private final KernelSession session;

        SessionInbound(KernelSession session) {
            this.session = session;
        }

        @Override
        public Session session() {
            return session;
        }

        @Override
        public void received(Message message) {
            received(message, 0);
        }

        @Override
        public void received(Message message, int wireBytes) {
            session.touch();
            figures.messagesIn().increment();
            try {
                dispatch(session, message, wireBytes);
            } catch (RuntimeException e) {
                LOG.warn("handling {} from {} failed", message.type(), session, e);
                session.send(error("internal error handling " + message.type()));
            }
        }

        @Override
        public void receivedBinary(String tag, ByteBuffer data) {
            session.touch();
            binary(session, tag, data);
        }

        @Override
        public void malformed(String reason, boolean fatal) {
            session.touch();
            session.send(error(reason));
            if (fatal) {
                session.close(reason);
            }
        }

        @Override
        public void closed(String reason) {
            String pseudo = session.pseudo();
            LOG.info("connection closed: {} {} (session {}): {}", session.remoteAddress(), session.protocol(),
                    session.id(), reason);
            sessions.closed(session, reason);
            figures.closed(session);
            if (pseudo != null) {
                if (session.resumable()) {
                    LOG.info("logout: {} (session {}): {}; may resume within {}", pseudo, session.id(), reason,
                            ServerSettings.RESUME_WINDOW.format(config.get(ServerSettings.RESUME_WINDOW)));
                } else {
                    LOG.info("logout: {} (session {}): {}", pseudo, session.id(), reason);
                }
            }
            byId.remove(session.id(), session);
        }
    }

    // --- dispatch

    /**
     * Shutting down: every request from now on gets ERROR, so that no room event (no id) is made after
     * the plugins (a history) have stopped; waits up to {@code grace} for the requests already running.
     *
     * @return false when some were still running after {@code grace}
     */
    boolean stopDispatching(java.time.Duration grace) throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + grace.toNanos();
        while (dispatching.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    private void dispatch(KernelSession session, Message message, int wireBytes) {
        dispatching.incrementAndGet(); // before the check: stopDispatching waits for what passed it
        try {
            if (stopping && !Verbs.PONG.equals(message.type())) {
                session.send(error("the server is shutting down: try again once it is back").replyTo(message));
                return;
            }
            dispatchNow(session, message, wireBytes);
        } finally {
            dispatching.decrementAndGet();
        }
    }

    private void dispatchNow(KernelSession session, Message message, int wireBytes) {
        JsonNode seq = message.seq();
        if (seq != null && !validSeq(seq)) {
            session.send(error("seq must be a 32-bit integer or a string of 1 to 64 characters, got "
                    + brief(seq.toString())));
            return;
        }
        Registered registered = commands.get(message.type());
        if (registered == null) {
            session.send(error("unknown type '" + brief(message.type()) + "': this server knows "
                    + String.join(", ", commands.keySet().stream().sorted().toList()) + " (send HELP for usage)")
                    .replyTo(message));
            return;
        }
        Request request = new Request(session, message, registered.context(), wireBytes);
        Command command = registered.command();
        if (!passes(request, command)) {
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

    /** Runs the filters in order; false when one refused the request (and answered it). */
    private boolean passes(Request request, Command command) {
        for (Filter filter : filters) {
            Verdict verdict;
            try {
                verdict = filter.filter().check(request, command);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("a request filter of plugin {} failed on {} from {}", filter.plugin(),
                        request.message().type(), request.session(), e);
                request.error("internal error in a request filter (plugin " + filter.plugin() + "); the server logged it");
                return false;
            }
            switch (verdict.kind()) {
                case PASS -> {
                    // next
                }
                case DENY -> {
                    request.ko(verdict.reason());
                    return false;
                }
                case CLOSE -> {
                    request.error(verdict.reason());
                    request.session().close(verdict.reason());
                    return false;
                }
            }
        }
        return true;
    }

    private void binary(KernelSession session, String tag, ByteBuffer data) {
        BinarySink sink = session.sink(tag);
        if (sink == null) {
            session.send(error("no open binary stream '" + tag + "': start one first (for a file, with SEND_FILE)"));
            return;
        }
        if (!passesBinary(session, tag, data.remaining())) {
            return;
        }
        try {
            sink.accept(data);
        } catch (BadRequestException e) {
            session.send(error(e.getMessage()));
        } catch (Exception | LinkageError e) {
            LOG.warn("the binary stream '{}' of {} failed", tag, session, e);
            session.unroute(tag);
            session.send(error("internal error in binary stream '" + tag + "'; the server logged it and closed the stream"));
        }
    }

    /** Runs the filters' binary check in order; false when one refused the frame (and said why). */
    private boolean passesBinary(KernelSession session, String tag, int bytes) {
        for (Filter filter : filters) {
            Verdict verdict;
            try {
                verdict = filter.filter().checkBinary(session, tag, bytes);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("a request filter of plugin {} failed on binary stream '{}' of {}", filter.plugin(), tag, session, e);
                verdict = Verdict.deny("internal error in a request filter (plugin " + filter.plugin() + "); the server logged it");
            }
            switch (verdict.kind()) {
                case PASS -> {
                    // next
                }
                case DENY -> {
                    session.unroute(tag);
                    session.send(error(verdict.reason() + "; binary stream '" + tag + "' closed"));
                    return false;
                }
                case CLOSE -> {
                    session.send(error(verdict.reason()));
                    session.close(verdict.reason());
                    return false;
                }
            }
        }
        return true;
    }

    /** The kernel's own filter: a command that requires login is refused to a session without a pseudo. */
    private static final class LoginRequired implements RequestFilter {
        @Override
        public Verdict check(Request request, Command handler) {
            return handler.requiresLogin() && !request.session().loggedIn()
                    ? Verdict.deny("not logged in: send LOGIN with your pseudo first") : Verdict.pass();
        }

        @Override
        public int order() {
            return LOGIN_ORDER;
        }
    }

    static Message error(String reason) {
        return Message.of(Verbs.ERROR).put("reason", reason);
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

    static String brief(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
