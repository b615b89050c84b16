package parley.api.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import parley.api.Authenticator;
import parley.api.BinarySink;
import parley.api.Config;
import parley.api.LoginListener;
import parley.api.Message;
import parley.api.Outbound;
import parley.api.Registration;
import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.Scheduler;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.SessionListener;
import parley.api.SessionState;
import parley.api.Sessions;
import parley.api.Services;
import parley.api.sequence.Sequence;
import parley.api.sequence.SequenceAction;
import parley.api.sequence.Sequences;
import parley.api.spi.Command;

/**
 * One plugin's view of the kernel. It passes everything through, and remembers what the plugin
 * registered (services, listeners, filters, authenticators, routes, timers, session states, the
 * sequences it began) so that {@link #release()} at unload takes it all back. Thread-safe.
 */
final class PluginContext implements ServerContext {

    private final Kernel kernel;
    private final String plugin;
    private final PluginScheduler scheduler;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final List<ServiceEntry> services = new CopyOnWriteArrayList<>();
    private final Set<Route> routes = ConcurrentHashMap.newKeySet();
    private final List<State<?>> states = new CopyOnWriteArrayList<>();
    private final Set<Sequence> begun = ConcurrentHashMap.newKeySet();
    private final List<Command> commands = new ArrayList<>();
    private final List<SequenceAction> actions = new ArrayList<>();
    private final Services recordingServices = new RecordingServices();
    private final Sessions recordingSessions = new RecordingSessions();
    private final Sequences recordingSequences = new RecordingSequences();
    private volatile boolean started;

    private record Route(Session session, String tag) {
    }

    private record ServiceEntry(Class<?> type, Object service) {
    }

    PluginContext(Kernel kernel, String plugin) {
        this.kernel = kernel;
        this.plugin = plugin;
        this.scheduler = new PluginScheduler(kernel.timerPool(), plugin);
    }

    String plugin() {
        return plugin;
    }

    /** The plugin has started: no more commands or actions may be registered. */
    void started() {
        started = true;
    }

    /** The commands the plugin registered while starting. */
    synchronized List<Command> commands() {
        return List.copyOf(commands);
    }

    /** The sequence actions the plugin registered while starting. */
    synchronized List<SequenceAction> actions() {
        return List.copyOf(actions);
    }

    /** Timers of this plugin still pending; for tests of unloading. */
    int pendingTimers() {
        return scheduler.pending();
    }

    /** Cancels this plugin's timers and refuses new ones: called before its features stop. */
    void cancelTimers() {
        scheduler.cancelAll();
    }

    /**
     * Takes back everything this plugin registered with the kernel: its timers first (nothing of it may
     * run after this), then its sequences, filters, listeners, services, routes and session values.
     */
    void release(String why) {
        scheduler.cancelAll();
        for (Sequence sequence : List.copyOf(begun)) {
            sequence.fail(why);
        }
        begun.clear();
        registrations.forEach(Registration::cancel);
        registrations.clear();
        services.forEach(entry -> kernel.serviceRegistry().unregister(entry.type(), entry.service()));
        services.clear();
        routes.forEach(r -> kernel.unrouteBinary(r.session(), r.tag()));
        routes.clear();
        for (State<?> state : states) {
            kernel.registry().open().forEach(s -> s.states().remove(state));
        }
        states.clear();
    }

    @Override
    public Config config() {
        return kernel.config();
    }

    @Override
    public Sessions sessions() {
        return recordingSessions;
    }

    @Override
    public Services services() {
        return recordingServices;
    }

    @Override
    public Sequences sequences() {
        return recordingSequences;
    }

    @Override
    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public Outbound encodeOnce(Message message) {
        return kernel.encodeOnce(message);
    }

    @Override
    public Outbound encodeOnce(Message json, Message line) {
        return new Outbound(json, line, kernel.codec());
    }

    @Override
    public synchronized void register(Command command) {
        requireStarting("a command");
        commands.add(command);
    }

    @Override
    public synchronized void register(SequenceAction action) {
        requireStarting("a sequence action");
        actions.add(action);
    }

    private void requireStarting(String what) {
        if (started) {
            throw new IllegalStateException("plugin " + plugin + " has started: register " + what
                    + " from ServerFeature.start, not later");
        }
    }

    @Override
    public Registration addFilter(RequestFilter filter) {
        return keep(kernel.addFilter(filter, plugin));
    }

    @Override
    public Registration addAuthenticator(Authenticator authenticator) {
        return keep(kernel.identity().addAuthenticator(authenticator, plugin));
    }

    @Override
    public Registration onLogin(LoginListener listener) {
        return keep(kernel.identity().onLogin(listener, plugin));
    }

    @Override
    public Registration onResume(parley.api.ResumeListener listener) {
        return keep(kernel.resumes().add(listener, plugin));
    }

    @Override
    public <T> SessionState<T> sessionState(Supplier<T> initial) {
        State<T> state = new State<>(initial);
        states.add(state);
        return state;
    }

    @Override
    public void routeBinary(Session session, String tag, BinarySink sink) {
        kernel.routeBinary(session, tag, sink);
        routes.add(new Route(session, tag));
    }

    @Override
    public void unrouteBinary(Session session, String tag) {
        kernel.unrouteBinary(session, tag);
        routes.remove(new Route(session, tag));
    }

    @Override
    public Registration addFigures(parley.api.FigureSource source) {
        return keep(kernel.figureBoard().add(source, plugin));
    }

    @Override
    public List<parley.api.Figure> figures() {
        return kernel.figureBoard().figures();
    }

    private Registration keep(Registration registration) {
        registrations.add(registration);
        return () -> {
            registration.cancel();
            registrations.remove(registration);
        };
    }

    /** A plugin's per-session value, kept in each session's own map under this object. */
    private final class State<T> implements SessionState<T> {
        private final Supplier<T> initial;

        State(Supplier<T> initial) {
            this.initial = initial;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T get(Session session) {
            return (T) kernel.session(session).states().computeIfAbsent(this, k -> initial.get());
        }

        @Override
        @SuppressWarnings("unchecked")
        public T peek(Session session) {
            return (T) kernel.session(session).states().get(this);
        }

        @Override
        public void clear(Session session) {
            kernel.session(session).states().remove(this);
        }
    }

    private final class RecordingServices implements Services {
        @Override
        public <T> void register(Class<T> type, T service) {
            kernel.serviceRegistry().register(type, service);
            services.add(new ServiceEntry(type, service));
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            return kernel.serviceRegistry().find(type);
        }
    }

    private final class RecordingSessions implements Sessions {
        @Override
        public Optional<Session> byPseudo(String pseudo) {
            return kernel.registry().byPseudo(pseudo);
        }

        @Override
        public Collection<Session> loggedIn() {
            return kernel.registry().loggedIn();
        }

        @Override
        public int connections() {
            return kernel.registry().connections();
        }

        @Override
        public boolean endResume(String pseudo, String reason) {
            return kernel.registry().endResume(pseudo, reason);
        }

        @Override
        public Registration onClose(SessionListener listener) {
            return keep(kernel.registry().onClose(listener));
        }
    }

    private final class RecordingSequences implements Sequences {
        @Override
        public Optional<Sequence> begin(SequenceAction action, Request request) {
            Optional<Sequence> sequence = kernel.engine().begin(action, request);
            sequence.ifPresent(s -> {
                begun.add(s);
                kernel.engine().whenFinished(s, () -> begun.remove(s));
            });
            return sequence;
        }

        @Override
        public Optional<Sequence> find(String id) {
            return kernel.engine().find(id);
        }

        @Override
        public Collection<Sequence> active() {
            return kernel.engine().active();
        }
    }
}
