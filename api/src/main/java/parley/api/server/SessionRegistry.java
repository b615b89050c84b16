package parley.api.server;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Names;
import parley.api.Registration;
import parley.api.Session;
import parley.api.SessionListener;
import parley.api.Sessions;

/** The kernel's {@link Sessions}: open connections and a case-insensitive pseudo index. */
final class SessionRegistry implements Sessions {

    private static final Logger LOG = LoggerFactory.getLogger(SessionRegistry.class);

    /** The outcome of {@link #claim}. */
    enum Claim { CLAIMED, ALREADY_LOGGED_IN, TAKEN }

    private final Set<KernelSession> open = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, KernelSession> byPseudo = new ConcurrentHashMap<>();
    private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
    private final Resumes resumes;

    SessionRegistry(Resumes resumes) {
        this.resumes = resumes;
    }

    void opened(KernelSession session) {
        open.add(session);
    }

    /**
     * Releases the pseudo at once, then tells the listeners. Runs once per session. A drop (a close the
     * server did not ask for) of a session with a resume token makes it {@link Session#resumable()}
     * first, and parks its ticket once the listeners are done.
     */
    void closed(KernelSession session, String reason) {
        if (!open.remove(session)) {
            return;
        }
        String pseudo = session.pseudo();
        boolean resumable = resumes.closing(session, !session.closedOnPurpose());
        session.resumable(resumable);
        if (pseudo != null) {
            byPseudo.remove(session.pseudoKey(), session);
        }
        for (SessionListener listener : listeners) {
            try {
                listener.closed(session, pseudo, reason);
            } catch (RuntimeException e) {
                LOG.warn("a session listener failed while {} closed", session, e);
            }
        }
        session.states().clear();
        if (resumable) {
            resumes.closed(session);
        }
    }

    Collection<KernelSession> open() {
        return new ArrayList<>(open);
    }

    /** Atomically gives the session this (well-formed) pseudo unless another session holds it. */
    Claim claim(KernelSession session, String pseudo) {
        if (session.pseudo() != null) {
            return Claim.ALREADY_LOGGED_IN;
        }
        String key = key(pseudo);
        if (byPseudo.putIfAbsent(key, session) != null) {
            return Claim.TAKEN;
        }
        session.pseudo(pseudo, key);
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
    public boolean endResume(String pseudo, String reason) {
        return pseudo != null && resumes.end(pseudo, reason);
    }

    @Override
    public Registration onClose(SessionListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    private static String key(String pseudo) {
        return Names.key(pseudo);
    }
}
