package parley.api.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Message;
import parley.api.Names;
import parley.api.Registration;
import parley.api.ResumeListener;

/**
 * Resume tokens and the dropped sessions waiting for their user: one ticket per pseudo, for the session
 * that logged in last with it.
 *
 * <p>A ticket is {@code LIVE} while its session is open, {@code CLOSING} while the session listeners
 * are told of its drop, {@code PARKED} until the window ends; it goes when it is used, when the window
 * passes, when another session takes the pseudo, or when its session closes for good. A token is 256
 * random bits from {@link SecureRandom}, sent once, kept only as its SHA-256, and compared in constant
 * time ({@link MessageDigest#isEqual}). Tokens live in memory: a restart forgets them, and a client
 * falls back to a plain LOGIN and HISTORY. Thread-safe: one lock over the tickets, never held while
 * listeners run.
 */
final class Resumes {

    private static final Logger LOG = LoggerFactory.getLogger(Resumes.class);
    /**
     * How long a resume waits for the session it resumes to be seen dropped (a client often sees its
     * connection go before the server does) and for its close to be told to the listeners.
     */
    private static final Duration CLOSING_WAIT = Duration.ofSeconds(3);

    private enum State { LIVE, CLOSING, PARKED }

    /** The outcome of {@link #take}: the session resumed, or why not (a KO reason). */
    record Taken(KernelSession before, String refusal) {
    }

    private static final class Ticket {
        final byte[] hash;
        final KernelSession session;
        final String pseudo;
        /** The pseudo's {@link Names#key}: the ticket's place in {@link #tickets}. */
        final String key;
        final CountDownLatch settled = new CountDownLatch(1);
        State state = State.LIVE;
        String endReason;
        ScheduledFuture<?> expiry;

        Ticket(byte[] hash, KernelSession session, String pseudo, String key) {
            this.hash = hash;
            this.session = session;
            this.pseudo = pseudo;
            this.key = key;
        }
    }

    /** A listener and its plugin, for logs. */
    private record Entry(ResumeListener listener, String plugin) {
    }

    private final Duration window;
    private final Timers timers;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Ticket> tickets = new HashMap<>();
    private final List<Entry> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;

    Resumes(Duration window, Timers timers) {
        this.window = window;
        this.timers = timers;
    }

    Registration add(ResumeListener listener, String plugin) {
        Entry entry = new Entry(listener, plugin);
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    boolean enabled() {
        return !window.isZero() && !window.isNegative();
    }

    Duration window() {
        return window;
    }

    /** The server is stopping: no close is resumable from now on, and parked sessions are let go. */
    void stop() {
        stopping = true;
        synchronized (tickets) {
            tickets.values().forEach(t -> {
                if (t.expiry != null) {
                    t.expiry.cancel(false);
                }
            });
            tickets.clear();
        }
    }

    /** A new token for a session that just got its pseudo; any older ticket for the pseudo is replaced. */
    String issue(KernelSession session, String pseudo) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String key = keyOf(pseudo, session);
        synchronized (tickets) {
            Ticket old = tickets.put(key, new Ticket(hash(token), session, pseudo, key));
            if (old != null && old.expiry != null) {
                old.expiry.cancel(false);
            }
        }
        return token;
    }

    /**
     * A session is closing: true, and its ticket waits ({@code CLOSING}), when the close is a drop that
     * may be resumed; false, and its ticket goes, otherwise. Called before the session listeners.
     */
    boolean closing(KernelSession session, boolean drop) {
        String key = session.pseudoKey();
        if (key == null) {
            return false;
        }
        synchronized (tickets) {
            Ticket ticket = tickets.get(key);
            if (ticket == null || ticket.session != session) {
                return false;
            }
            if (!drop || stopping || !enabled()) {
                tickets.remove(key);
                ticket.settled.countDown();
                return false;
            }
            ticket.state = State.CLOSING;
            return true;
        }
    }

    /**
     * The session listeners have been told of a resumable drop: the ticket is parked until the window
     * ends, or ends now if the pseudo was taken meanwhile.
     */
    void closed(KernelSession session) {
        String key = session.pseudoKey();
        Ticket ending = null;
        synchronized (tickets) {
            Ticket ticket = tickets.get(key);
            if (ticket != null && ticket.session == session && ticket.state == State.CLOSING) {
                if (ticket.endReason != null) {
                    tickets.remove(key);
                    ending = ticket;
                } else {
                    ticket.state = State.PARKED;
                    try {
                        ticket.expiry = timers.schedule(() -> expire(ticket), window.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException e) {
                        tickets.remove(key); // the server is stopping
                    }
                }
                ticket.settled.countDown();
            }
        }
        if (ending != null) {
            end(ending, ending.endReason);
        }
    }

    /** The key of {@code pseudo}: the one {@code session} computed at its login when it holds that pseudo. */
    private static String keyOf(String pseudo, KernelSession session) {
        String known = session.pseudoKey();
        return known != null && pseudo.equals(session.pseudo()) ? known : Names.key(pseudo);
    }

    private void expire(Ticket ticket) {
        synchronized (tickets) {
            if (tickets.get(ticket.key) != ticket || ticket.state != State.PARKED) {
                return;
            }
            tickets.remove(ticket.key);
        }
        end(ticket, "connection lost, not back within " + ServerSettings.RESUME_WINDOW.format(window));
    }

    /**
     * A plain LOGIN gave {@code pseudo} to {@code by}: a dropped session still waiting for it is over
     * (its end is told now, on this thread, or right after its close listeners if they still run).
     */
    void taken(String pseudo, KernelSession by) {
        Ticket ending = null;
        String key = keyOf(pseudo, by);
        synchronized (tickets) {
            Ticket ticket = tickets.get(key);
            if (ticket == null || ticket.session == by) {
                return;
            }
            switch (ticket.state) {
                case PARKED -> {
                    tickets.remove(key);
                    ticket.expiry.cancel(false);
                    ending = ticket;
                }
                case CLOSING -> ticket.endReason = "connection lost, and " + pseudo + " was taken by a new login";
                case LIVE -> {
                    tickets.remove(key); // closed for good meanwhile: nothing waits
                    ticket.settled.countDown();
                }
            }
        }
        if (ending != null) {
            end(ending, "connection lost, and " + pseudo + " was taken by a new login");
        }
    }

    /**
     * Ends the window of a parked session holding {@code pseudo} now (a ban, a kick of someone away):
     * true if one was parked. One still being closed ends right after its close listeners.
     */
    boolean end(String pseudo, String reason) {
        Ticket ending = null;
        String key = Names.key(pseudo);
        synchronized (tickets) {
            Ticket ticket = tickets.get(key);
            if (ticket == null) {
                return false;
            }
            switch (ticket.state) {
                case PARKED -> {
                    tickets.remove(key);
                    ticket.expiry.cancel(false);
                    ending = ticket;
                }
                case CLOSING -> {
                    ticket.endReason = reason;
                    return true;
                }
                case LIVE -> {
                    return false;
                }
            }
        }
        end(ending, reason);
        return true;
    }

    /**
     * Uses a token: the parked session it stands for, which is no longer parked (its ticket is gone), or
     * why not. A token whose session is still open or being closed waits, briefly, for it to be parked;
     * still open then, it is refused and stays valid (the owner is still there, or the server has not
     * seen the drop yet: try again). Blocks the caller (a reader thread) for at most {@link #CLOSING_WAIT}.
     */
    Taken take(String pseudo, String token) throws InterruptedException {
        byte[] given = hash(token);
        String key = Names.key(pseudo);
        for (int attempt = 0; attempt < 2; attempt++) {
            Ticket waitFor = null;
            synchronized (tickets) {
                Ticket ticket = tickets.get(key);
                if (ticket == null || !MessageDigest.isEqual(ticket.hash, given)) {
                    return new Taken(null, "resume refused: this token is unknown, used, expired or not "
                            + pseudo + "'s; log in without resume (and ask HISTORY for what you missed)");
                }
                switch (ticket.state) {
                    case PARKED -> {
                        tickets.remove(key);
                        ticket.expiry.cancel(false);
                        return new Taken(ticket.session, null);
                    }
                    case LIVE -> {
                        if (attempt > 0) {
                            return new Taken(null, "resume refused: " + ticket.pseudo + " is still connected on"
                                    + " another connection; try again once the server has seen it drop");
                        }
                        waitFor = ticket; // the client may have seen its drop before the server: wait a little
                    }
                    default -> {
                        if (attempt > 0) {
                            break;
                        }
                        waitFor = ticket;
                    }
                }
            }
            if (waitFor != null) {
                waitFor.settled.await(CLOSING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return new Taken(null, "resume refused: your previous connection is still being closed; try again");
    }

    /** Tells the listeners that {@code after} resumed {@code before}. */
    void resumed(KernelSession before, KernelSession after, Message answer) {
        for (Entry entry : listeners) {
            try {
                entry.listener().resumed(before, after, answer);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("the resume listener of plugin {} failed resuming {} as {}", entry.plugin(), before, after, e);
            }
        }
    }

    /** Tells the listeners that a parked session's window ended; called with no lock held. */
    void end(KernelSession before, String pseudo, String reason) {
        LOG.info("resume window over: {} (session {}): {}", pseudo, before.id(), reason);
        for (Entry entry : new ArrayList<>(listeners)) {
            try {
                entry.listener().ended(before, pseudo, reason);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("the resume listener of plugin {} failed ending {}", entry.plugin(), before, e);
            }
        }
    }

    private void end(Ticket ticket, String reason) {
        end(ticket.session, ticket.pseudo, reason);
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
