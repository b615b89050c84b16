package parley.api.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Session;
import parley.api.SessionListener;
import parley.api.Sessions;

/** The kernel's {@link Sessions}: open connections and a case-insensitive pseudo index. */
final class SessionRegistry implements Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    private final Set<KernelSession> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, KernelSession> byPseudo = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();

    void opened(KernelSession session) {
        open.add(session);
    }

    /** Releases the pseudo at once, then tells the listeners. Runs once per session. */
    void closed(KernelSession session, String reason) {
        if (!open.remove(session)) {
            return;
        }
        String pseudo = session.pseudo();
        if (pseudo != null) {
            byPseudo.remove(key(pseudo), session);
        }
        for (SessionListener listener : listeners) {
            try {
                listener.closed(session, pseudo, reason);
            } catch (RuntimeException e) {
                LOG.warn("a session listener failed while {} closed", session, e);
            }
        }
    }

    Collection<KernelSession> open() {
        return new ArrayList<>(open);
    }

    @Override
    public Claim claim(Session session, String pseudo) {
        if (!(session instanceof KernelSession ks) || !open.contains(ks)) {
            throw new IllegalArgumentException("not a session of this server: " + session);
        }
        if (ks.pseudo() != null) {
            return Claim.ALREADY_LOGGED_IN;
        }
        if (!Sessions.isValidPseudo(pseudo)) {
            return Claim.INVALID;
        }
        if (byPseudo.putIfAbsent(key(pseudo), ks) != null) {
            return Claim.TAKEN;
        }
        ks.pseudo(pseudo);
        return Claim.CLAIMED;
    }

    @Override
    public Optional<Session> byPseudo(String pseudo) {
        return pseudo == null ? Optional.empty() : Optional.ofNullable(byPseudo.get(key(pseudo)));
    }

    @Override
    public Collection<Session> loggedIn() {
        return List.copyOf(byPseudo.values());
    }

    @Override
    public int connections() {
        return open.size();
    }

    @Override
    public void onClose(SessionListener listener) {
        listeners.add(listener);
    }

    void removeListener(SessionListener listener) {
        listeners.remove(listener);
    }

    private static String key(String pseudo) {
        return pseudo.toLowerCase(Locale.ROOT);
    }
}
