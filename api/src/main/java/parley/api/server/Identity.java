package parley.api.server;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Authenticator;
import parley.api.LoginListener;
import parley.api.Message;
import parley.api.Names;
import parley.api.Registration;
import parley.api.Request;
import parley.api.Sessions;
import parley.api.Verbs;

/**
 * Who is who: LOGIN, answered by DISPLAY_ROOM or KO. The pseudo's format and its uniqueness are the
 * kernel's rules ({@link Sessions}); the {@link Authenticator}s plugins add may refuse a login (a
 * password, a ban), and the {@link LoginListener}s fill in the answer (the rooms plugin adds the rooms).
 *
 * <p>A framed session's answer carries a {@code resume} token ({@link Resumes}). A LOGIN with
 * {@code resume} (that token, after a drop, within {@code resume-window}) takes the dropped session's
 * place: the same pseudo if it is still free, the same {@code authenticated()} and {@code operator()}, and
 * the {@link parley.api.ResumeListener}s move the rest (the rooms plugin, its memberships). A resume does
 * not ask the authenticators again: the token stands for the login it came from.
 */
final class Identity {

    private static final Logger LOG = LoggerFactory.getLogger(Identity.class);

    /** An authenticator or a listener, and the plugin it came from, for logs. */
    private record Entry<T>(T value, String plugin) {
    }

    private final SessionRegistry sessions;
    private final Operators operators;
    private final Resumes resumes;
    private final List<Entry<Authenticator>> authenticators = new CopyOnWriteArrayList<>();
    private final List<Entry<LoginListener>> listeners = new CopyOnWriteArrayList<>();

    Identity(SessionRegistry sessions, Operators operators, Resumes resumes) {
        this.sessions = sessions;
        this.operators = operators;
        this.resumes = resumes;
    }

    Registration addAuthenticator(Authenticator authenticator, String plugin) {
        Entry<Authenticator> entry = new Entry<>(authenticator, plugin);
        authenticators.add(entry);
        return () -> authenticators.remove(entry);
    }

    Registration onLogin(LoginListener listener, String plugin) {
        Entry<LoginListener> entry = new Entry<>(listener, plugin);
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** Why a taken pseudo clashes when it is not the holder's spelling: " (it reads as 'alice')". */
    private String sameAs(String pseudo) {
        return sessions.byPseudo(pseudo).map(holder -> holder.pseudo().toLowerCase(java.util.Locale.ROOT).equals(pseudo.toLowerCase(java.util.Locale.ROOT)) ? ""
                : " (it reads as '" + holder.pseudo() + "')").orElse("");
    }

    private static String brief(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** Handles one LOGIN for the request's session, which is this server's. */
    void login(Request request, KernelSession session) {
        String pseudo = request.require("pseudo");
        if (session.pseudo() != null) {
            request.ko("already logged in as " + session.pseudo() + " on this connection");
            return;
        }
        String problem = Names.problem(pseudo);
        if (problem != null) {
            request.ko("invalid pseudo '" + brief(pseudo) + "': " + problem + " (use 1 to " + Sessions.MAX_PSEUDO_LENGTH
                    + " letters of one script, digits, '_', '-' or '.')");
            return;
        }
        if (request.message().has("resume")) {
            resume(request, session, pseudo);
            return;
        }
        boolean accepted = false;
        for (Entry<Authenticator> entry : authenticators) {
            Authenticator.Decision decision;
            try {
                decision = entry.value().authenticate(session, pseudo, request.message());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("the authenticator of plugin {} failed on LOGIN {} from {}", entry.plugin(), pseudo, session, e);
                request.ko("internal error checking your login (plugin " + entry.plugin() + "); the server logged it");
                return;
            }
            if (decision.refused()) {
                request.ko(decision.reason());
                return;
            }
            if (decision.accepted()) {
                accepted = true;
                break;
            }
        }
        switch (sessions.claim(session, pseudo)) {
            case ALREADY_LOGGED_IN -> request.ko("already logged in as " + session.pseudo() + " on this connection");
            case TAKEN -> request.ko("pseudo '" + pseudo + "' is taken" + sameAs(pseudo) + ": choose another one");
            case CLAIMED -> {
                session.authenticated(accepted);
                session.operator(accepted && operators.contains(pseudo));
                resumes.taken(pseudo, session); // a dropped session waiting for this pseudo is over
                Message answer = answer(session);
                LOG.info("login: {} (session {}, {} {})", pseudo, session.id(), session.remoteAddress(), session.protocol());
                request.reply(withToken(answer, session, pseudo));
            }
        }
    }

    /** LOGIN with {@code resume}: the dropped session's place, or KO. */
    private void resume(Request request, KernelSession session, String pseudo) {
        String token = request.message().text("resume");
        if (token == null || token.isEmpty() || token.length() > 128) {
            request.ko("resume must be the token of your last LOGIN answer (a string); log in without resume instead");
            return;
        }
        if (!resumes.enabled()) {
            request.ko("resume refused: this server does not keep dropped sessions (resume-window is 0);"
                    + " log in without resume");
            return;
        }
        Resumes.Taken taken;
        try {
            taken = resumes.take(pseudo, token);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.error("the server is stopping: log in again later");
            return;
        }
        if (taken.refusal() != null) {
            LOG.info("resume refused: {} (session {}, {})", pseudo, session.id(), session.remoteAddress());
            request.ko(taken.refusal());
            return;
        }
        KernelSession before = taken.before();
        switch (sessions.claim(session, before.pseudo())) {
            case ALREADY_LOGGED_IN, TAKEN -> {
                // taken by a plain LOGIN between the token's check and now: the dropped session is over
                resumes.end(before, before.pseudo(), "connection lost, and " + before.pseudo() + " was taken by a new login");
                request.ko("resume refused: pseudo '" + pseudo + "' was taken meanwhile: choose another one");
            }
            case CLAIMED -> {
                session.authenticated(before.authenticated());
                session.operator(before.operator());
                Message answer = answer(session);
                resumes.resumed(before, session, answer);
                answer.put("resumed", true);
                LOG.info("login: {} resumed session {} (session {}, {} {})", before.pseudo(), before.id(), session.id(),
                        session.remoteAddress(), session.protocol());
                request.reply(withToken(answer, session, before.pseudo()));
            }
        }
    }

    /** A DISPLAY_ROOM filled in by the login listeners. */
    private Message answer(KernelSession session) {
        Message answer = Message.of(Verbs.DISPLAY_ROOM);
        for (Entry<LoginListener> entry : listeners) {
            try {
                entry.value().loggedIn(session, answer);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("the login listener of plugin {} failed for {}", entry.plugin(), session, e);
            }
        }
        return answer;
    }

    /** Adds a fresh resume token for a framed session (a line has no room for it); returns the answer. */
    private Message withToken(Message answer, KernelSession session, String pseudo) {
        if (session.form() == parley.api.PayloadForm.JSON && resumes.enabled()) {
            answer.put("resume", resumes.issue(session, pseudo));
        }
        return answer;
    }
}
