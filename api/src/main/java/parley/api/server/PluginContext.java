package parley.api.server;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

import parley.api.BinarySink;
import parley.api.Config;
import parley.api.Message;
import parley.api.Outbound;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.SessionListener;
import parley.api.Sessions;
import parley.api.Services;
import parley.api.sequence.Sequences;

/**
 * One plugin's view of the kernel. It passes everything through, and remembers what the plugin
 * registered with the kernel (services, session listeners, binary routes) so that unloading the
 * plugin can take it all back. Thread-safe.
 */
final class PluginContext implements ServerContext {

    private final Kernel kernel;
    private final List<ServiceEntry> services = new CopyOnWriteArrayList<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Route> routes = ConcurrentHashMap.newKeySet();
    private final Services recordingServices = new RecordingServices();
    private final Sessions recordingSessions = new RecordingSessions();

    private record Route(Session session, String tag) {
    }

    private record ServiceEntry(Class<?> type, Object service) {
    }

    PluginContext(Kernel kernel) {
        this.kernel = kernel;
    }

    /** Takes back everything this plugin registered with the kernel. */
    void release() {
        services.forEach(entry -> kernel.serviceRegistry().unregister(entry.type(), entry.service()));
        listeners.forEach(kernel.registry()::removeListener);
        routes.forEach(r -> kernel.unrouteBinary(r.session(), r.tag()));
        services.clear();
        listeners.clear();
        routes.clear();
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
        return kernel.sequences();
    }

    @Override
    public Outbound encodeOnce(Message message) {
        return kernel.encodeOnce(message);
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
    public ScheduledExecutorService timers() {
        return kernel.timers();
    }

    private final class RecordingServices implements Services {
        @Override
        public <T> void register(Class<T> type, T service) {
            kernel.services().register(type, service);
            services.add(new ServiceEntry(type, service));
        }

        @Override
        public <T> Optional<T> find(Class<T> type) {
            return kernel.services().find(type);
        }
    }

    private final class RecordingSessions implements Sessions {
        @Override
        public Claim claim(Session session, String pseudo) {
            return kernel.sessions().claim(session, pseudo);
        }

        @Override
        public Optional<Session> byPseudo(String pseudo) {
            return kernel.sessions().byPseudo(pseudo);
        }

        @Override
        public Collection<Session> loggedIn() {
            return kernel.sessions().loggedIn();
        }

        @Override
        public int connections() {
            return kernel.sessions().connections();
        }

        @Override
        public void onClose(SessionListener listener) {
            kernel.sessions().onClose(listener);
            listeners.add(listener);
        }
    }
}
