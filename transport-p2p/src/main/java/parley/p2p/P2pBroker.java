package parley.p2p;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.BadRequestException;
import parley.api.Message;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.PayloadForm;
import parley.p2p.link.Fingerprint;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.P2pMessages;
import parley.p2p.link.Token;

/**
 * The server's side of P2P: it asks, issues tokens, sends the invites, tells the callee to fall
 * back, and admits relay connections. One per server, registered as a service so that the server
 * itself may start a link ({@link #propose}).
 *
 * <p>A token is issued only once every asked side accepted, is sent only to the two sides, is
 * bound to its link (and so to that pair of sessions), expires {@code p2p.token-ttl} after the
 * invite, and admits each side to the relay once. It is never logged.
 *
 * <p><b>Threading.</b> Thread-safe: commands call it on the senders' reader threads, the relay on
 * its connection threads, timers on the timer thread. All state sits behind one lock, held only
 * while deciding and queueing pushes (which never block), never during I/O.
 */
public final class P2pBroker {

    private static final Logger LOG = LoggerFactory.getLogger(P2pBroker.class);
    private static final int MAX_REASON = 200;

    private final ServerContext context;
    private final SecureRandom random = new SecureRandom();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Offer> offers = new HashMap<>();
    private final Map<String, Offer> byPair = new HashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Duration answerTimeout;
    private final Duration tokenTtl;
    private final Duration connectTimeout;
    private final int maxPending;
    private final String relayHost;
    private final long relayMaxBytes;
    private final Duration relayMaxDuration;
    private final int relayMaxLinks;
    private volatile Clock clock = Clock.systemUTC();
    private volatile Relay relay;
    private volatile RelayLink.Tap relayTap;
    private volatile boolean stopped;

    P2pBroker(ServerContext context) {
        this.context = context;
        var config = context.config();
        this.answerTimeout = config.get(P2pSettings.ANSWER_TIMEOUT);
        this.tokenTtl = config.get(P2pSettings.TOKEN_TTL);
        this.connectTimeout = config.get(P2pSettings.CONNECT_TIMEOUT);
        this.maxPending = config.get(P2pSettings.MAX_PENDING);
        this.relayHost = config.get(P2pSettings.RELAY_HOST).trim();
        this.relayMaxBytes = config.get(P2pSettings.RELAY_MAX_BYTES);
        this.relayMaxDuration = config.get(P2pSettings.RELAY_MAX_DURATION);
        this.relayMaxLinks = config.get(P2pSettings.RELAY_MAX_LINKS);
    }

    void relay(Relay relay) {
        this.relay = relay;
    }

    /** For tests: the clock that decides when tokens expire. */
    void clock(Clock clock) {
        this.clock = clock;
    }

    /** For tests: sees every byte the relay copies from now on (links joined later), or null for none. */
    void relayTap(RelayLink.Tap tap) {
        this.relayTap = tap;
    }

    RelayLink.Tap relayTap() {
        return relayTap;
    }

    /** Addresses with relay connections presenting now; for tests. */
    int relayPresentingAddresses() {
        Relay r = relay;
        return r == null ? 0 : r.presentingAddresses();
    }

    /** The relay's port, or -1 when this server runs no relay. */
    public int relayPort() {
        Relay r = relay;
        return r == null ? -1 : r.port();
    }

    // --- setting up

    /**
     * A client asks for a link with {@code peer}: checks the rules and registers the link. The
     * question goes out with {@link #ask}, once the requester has its answer.
     *
     * @throws Refusal naming what is wrong and the fix
     */
    Offer request(Session from, String peer, String fingerprint) throws Refusal {
        if (from.form() != PayloadForm.JSON) {
            throw new Refusal("P2P needs a framed client (parley client, or ParleyClient from code):"
                    + " the text protocol cannot carry a link's invite");
        }
        Fingerprint pin = fingerprint(P2pMessages.REQUEST, fingerprint);
        Session to = context.sessions().byPseudo(peer).orElseThrow(() -> new Refusal("no user '" + brief(peer)
                + "' is connected: check the pseudo (/who lists a room's members)"));
        if (to.id() == from.id()) {
            throw new Refusal("you cannot link with yourself: name another user");
        }
        if (to.form() != PayloadForm.JSON) {
            throw new Refusal(to.pseudo() + " uses the text protocol, which cannot do P2P: they need parley client");
        }
        return register(from, to, pin);
    }

    /**
     * The fingerprint a client sends with P2P_REQUEST and P2P_ACCEPT. Required: links run TLS, and a
     * client without one is older than that; the safe choice is to refuse it, not to link in clear.
     *
     * @throws BadRequestException naming the field and the form, or that the client must be updated
     */
    static Fingerprint fingerprint(String verb, String text) {
        if (text == null) {
            throw new BadRequestException(verb + " needs \"fingerprint\": the SHA-256 fingerprint of your link"
                    + " certificate (SHA256:AB:CD:...). P2P links run TLS between the two clients, each pinning the"
                    + " other's certificate; a client that sends none is too old for this server: update it");
        }
        try {
            return Fingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(verb + "'s fingerprint: " + e.getMessage());
        }
    }

    /**
     * The server itself starts a link between two logged-in framed clients: both are asked, and
     * once both accept, both are invited. Thread-safe; for features and administration.
     *
     * @return the link's id
     * @throws IllegalArgumentException naming why the link cannot be started
     */
    public String propose(Session caller, Session callee) {
        if (!caller.loggedIn() || !callee.loggedIn() || caller.id() == callee.id()
                || caller.form() != PayloadForm.JSON || callee.form() != PayloadForm.JSON) {
            throw new IllegalArgumentException("a link needs two different logged-in framed clients, got "
                    + caller + " and " + callee);
        }
        try {
            Offer offer = register(caller, callee, null);
            ask(offer);
            return offer.id;
        } catch (Refusal e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    /** @param callerPin the requester's fingerprint; null when the server proposes the link and asks both */
    private Offer register(Session caller, Session callee, Fingerprint callerPin) throws Refusal {
        boolean callerAsked = callerPin != null;
        lock.lock();
        try {
            if (stopped) {
                throw new Refusal("the server is shutting down");
            }
            Offer same = byPair.get(Offer.pairKey(caller.pseudo(), callee.pseudo()));
            if (same != null && same.expiresAt != null && clock.instant().isAfter(same.expiresAt)
                    && (same.state == Offer.State.INVITED || same.state == Offer.State.FALLBACK)) {
                expire(same); // its timer has not run yet: the token is over all the same
                same = byPair.get(Offer.pairKey(caller.pseudo(), callee.pseudo()));
            }
            if (same != null) {
                throw new Refusal("a link between " + caller.pseudo() + " and " + callee.pseudo()
                        + " is already being set up (" + same.id + "): wait for its invite or its refusal");
            }
            long mine = offers.values().stream().filter(o -> o.open() && o.state != Offer.State.RELAYED
                    && o.involves(caller)).count();
            if (mine >= maxPending) {
                throw new Refusal("you are setting up " + mine + " links already, the most this server allows"
                        + " (p2p.max-pending): wait until they are set up or refused");
            }
            Offer offer = new Offer("p2p-" + ids.incrementAndGet(), caller, callee);
            offer.callerAccepted = callerAsked;
            offer.callerFingerprint = callerPin;
            offers.put(offer.id, offer);
            byPair.put(offer.pairKey(), offer);
            if (callerAsked) {
                LOG.info("{}: {} asks for a link with {}", offer.id, caller.pseudo(), callee.pseudo());
            } else {
                LOG.info("{}: the server proposes a link from {} to {}", offer.id, caller.pseudo(), callee.pseudo());
            }
            return offer;
        } finally {
            lock.unlock();
        }
    }

    /** Asks the side(s) that have not said yes yet, and starts the answer's deadline. */
    void ask(Offer offer) {
        lock.lock();
        try {
            if (offer.state != Offer.State.ASKING) {
                return;
            }
            send(offer.callee, Message.of(P2pMessages.ASK).put("link", offer.id).put("peer", offer.caller.pseudo())
                    .put("role", P2pMessages.CALLEE).put("timeout_ms", answerTimeout.toMillis()));
            if (!offer.callerAccepted) {
                send(offer.caller, Message.of(P2pMessages.ASK).put("link", offer.id).put("peer", offer.callee.pseudo())
                        .put("role", P2pMessages.CALLER).put("timeout_ms", answerTimeout.toMillis()));
            }
            offer.timer = context.scheduler().schedule(() -> unanswered(offer), answerTimeout);
        } finally {
            lock.unlock();
        }
    }

    /**
     * An asked side accepts. Once every asked side has, both get their invite.
     *
     * @param port the port the callee listens on; null when it takes no direct connection
     */
    void accept(Session from, String link, Integer port, String fingerprint) throws Refusal {
        lock.lock();
        try {
            Offer offer = asked(from, link);
            Fingerprint pin = fingerprint(P2pMessages.ACCEPT, fingerprint);
            if (from == offer.callee) {
                if (offer.calleeAccepted) {
                    throw new Refusal("you accepted " + link + " already");
                }
                offer.calleeAccepted = true;
                offer.calleeFingerprint = pin;
                offer.port = port;
            } else {
                if (offer.callerAccepted) {
                    throw new Refusal("you accepted " + link + " already");
                }
                offer.callerAccepted = true;
                offer.callerFingerprint = pin;
            }
            if (offer.callerAccepted && offer.calleeAccepted) {
                invite(offer);
            }
        } finally {
            lock.unlock();
        }
    }

    /** An asked side refuses: the link is over, and the other side is told why. */
    void refuse(Session from, String link, String reason) throws Refusal {
        lock.lock();
        try {
            Offer offer = asked(from, link);
            String why = from.pseudo() + " refused the link" + (reason == null || reason.isBlank() ? "" : ": " + clean(reason));
            close(offer, why, from);
        } finally {
            lock.unlock();
        }
    }

    private Offer asked(Session from, String link) throws Refusal {
        Offer offer = offers.get(link);
        if (offer == null || !offer.involves(from)) {
            throw new Refusal("no link " + brief(link) + " is waiting for your answer: check the id in P2P_ASK");
        }
        if (offer.state == Offer.State.CLOSED) {
            throw new Refusal("link " + link + " is over: " + offer.closedReason);
        }
        if (offer.state != Offer.State.ASKING) {
            throw new Refusal("link " + link + " was answered already");
        }
        return offer;
    }

    private void invite(Offer offer) {
        offer.token = Token.random(random);
        offer.expiresAt = clock.instant().plus(tokenTtl);
        offer.state = Offer.State.INVITED;
        cancelTimer(offer);
        offer.timer = context.scheduler().schedule(() -> expire(offer), tokenTtl);
        Message toCallee = invite(offer, P2pMessages.CALLEE, offer.caller, offer.callerFingerprint, null);
        Message toCaller = invite(offer, P2pMessages.CALLER, offer.callee, offer.calleeFingerprint, offer.port)
                .put("connect_timeout_ms", connectTimeout.toMillis());
        // the callee first: it must know the token before the caller dials it
        send(offer.callee, toCallee);
        send(offer.caller, toCaller);
        LOG.info("{}: invited; {} calls {} {}", offer.id, offer.caller.pseudo(), offer.callee.pseudo(),
                offer.port == null ? "through the relay only (no port)" : "on port " + offer.port);
    }

    private Message invite(Offer offer, String role, Session peer, Fingerprint peerFingerprint, Integer port) {
        var peerNode = parley.api.wire.Json.object();
        peerNode.put("pseudo", peer.pseudo());
        peerNode.put("ip", peer.remoteAddress().getAddress().getHostAddress());
        if (port != null) {
            peerNode.put("port", port.intValue());
        }
        peerNode.put("fingerprint", peerFingerprint.text());
        Message invite = Message.of(P2pMessages.INVITE).put("link", offer.id).put("peer", peerNode).put("role", role)
                .put("token", offer.token.encoded()).put("expires_ms", tokenTtl.toMillis());
        Relay r = relay;
        if (r != null) {
            var relayNode = parley.api.wire.Json.object();
            if (!relayHost.isEmpty()) {
                relayNode.put("host", relayHost);
            }
            relayNode.put("port", r.port());
            relayNode.put("max_bytes", relayMaxBytes);
            relayNode.put("max_duration_ms", relayMaxDuration.toMillis());
            invite.put("relay", relayNode);
        }
        return invite;
    }

    /**
     * The caller says the direct link failed: the callee is told to go to the relay.
     *
     * @throws Refusal when {@code from} is not the link's caller, the link is not in its direct
     *                 attempt, its token expired, or there is no relay
     */
    void fallback(Session from, String link, String reason) throws Refusal {
        lock.lock();
        try {
            Offer offer = offers.get(link);
            if (offer == null || offer.caller != from) {
                throw new Refusal("no link " + brief(link) + " of yours to fall back on: only a link's caller sends"
                        + " P2P_FALLBACK, after its invite");
            }
            switch (offer.state) {
                case FALLBACK -> {
                    return;
                }
                case CLOSED -> throw new Refusal("link " + link + " is over: " + offer.closedReason);
                case INVITED -> {
                    // go on
                }
                default -> throw new Refusal("link " + link + " is not in its direct attempt (it is " + offer.state + ")");
            }
            if (clock.instant().isAfter(offer.expiresAt)) {
                close(offer, "the token of link " + link + " expired before the relay was tried", null);
                throw new Refusal(offer.closedReason + ": ask for a new link");
            }
            if (relay == null) {
                close(offer, "the direct link failed and this server runs no relay (p2p.relay-max-links is 0)", from);
                throw new Refusal(offer.closedReason);
            }
            offer.state = Offer.State.FALLBACK;
            String why = reason == null || reason.isBlank() ? "the direct link failed" : clean(reason);
            send(offer.callee, Message.of(P2pMessages.FALLBACK).put("link", link).put("peer", offer.caller.pseudo())
                    .put("reason", why));
            LOG.info("{}: falls back to the relay ({})", offer.id, why);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The caller says the direct link is up: the token is forgotten at once, and the pair may set
     * up another link later.
     *
     * @throws Refusal when {@code from} is not the caller of a link in its direct attempt
     */
    void linked(Session from, String link) throws Refusal {
        lock.lock();
        try {
            Offer offer = offers.get(link);
            if (offer == null || offer.caller != from || offer.state != Offer.State.INVITED) {
                throw new Refusal("no link " + brief(link) + " of yours is in its direct attempt: only a link's caller"
                        + " sends P2P_LINKED, once the direct handshake succeeded");
            }
            retire(offer, "set up directly");
            LOG.info("{}: linked directly; the server carries nothing more", offer.id);
        } finally {
            lock.unlock();
        }
    }

    // --- the relay

    /** What {@link #joinRelay} decided: the two ends to join, or none yet (the first one waits). */
    record Joined(Offer offer, LinkChannel caller, LinkChannel callee) {
    }

    /**
     * A relay connection presents its proof of the token for one side of a link.
     *
     * @return the two ends once both sides are in; null while this one waits for the other
     * @throws Refusal for an unknown link, one not falling back, an expired or used token, a wrong
     *                 proof, or a full relay
     */
    Joined joinRelay(String link, String role, String nonce, String proof, LinkChannel end) throws Refusal {
        lock.lock();
        try {
            Offer offer = link == null ? null : offers.get(link);
            if (offer == null) {
                throw new Refusal("unknown link " + brief(link) + ": links come from a P2P_INVITE, and end with their token");
            }
            if (offer.state == Offer.State.CLOSED) {
                throw new Refusal("link " + link + " is over: " + offer.closedReason);
            }
            if (offer.expiresAt != null && clock.instant().isAfter(offer.expiresAt) && offer.state != Offer.State.RELAYED) {
                throw new Refusal("the token of link " + link + " expired: ask for a new link");
            }
            boolean caller = P2pMessages.CALLER.equals(role);
            if (!caller && !P2pMessages.CALLEE.equals(role)) {
                throw new Refusal("role must be caller or callee");
            }
            if (offer.state == Offer.State.RELAYED || (caller ? offer.callerJoined : offer.calleeJoined)) {
                throw new Refusal("the token of link " + link + " was used already for the " + role);
            }
            if (offer.state != Offer.State.FALLBACK) {
                throw new Refusal("link " + link + " has not fallen back to the relay: its caller sends P2P_FALLBACK first");
            }
            if (!offer.token.verify(proof, P2pMessages.RELAY_PURPOSE, link, role, nonce)) {
                throw new Refusal("wrong token for link " + link + ": the proof does not match");
            }
            boolean first = !offer.callerJoined && !offer.calleeJoined;
            if (first && relayLoad() >= relayMaxLinks) {
                throw new Refusal("the relay is full (" + relayMaxLinks + " links, p2p.relay-max-links): try again later");
            }
            if (caller) {
                offer.callerJoined = true;
                offer.waitingCaller = end;
            } else {
                offer.calleeJoined = true;
                offer.waitingCallee = end;
            }
            if (!(offer.callerJoined && offer.calleeJoined)) {
                return null;
            }
            offer.state = Offer.State.RELAYED;
            offer.token = null; // spent: nothing can use it any more
            cancelTimer(offer);
            byPair.remove(offer.pairKey(), offer);
            Joined joined = new Joined(offer, offer.waitingCaller, offer.waitingCallee);
            offer.waitingCaller = null;
            offer.waitingCallee = null;
            return joined;
        } finally {
            lock.unlock();
        }
    }

    /** For tests: whether a side of {@code link} was admitted by the relay and waits for the other. */
    boolean waitingAtRelay(String link, String role) {
        lock.lock();
        try {
            Offer offer = offers.get(link);
            return offer != null && (P2pMessages.CALLER.equals(role) ? offer.waitingCaller : offer.waitingCallee) != null;
        } finally {
            lock.unlock();
        }
    }

    /** Links using the relay or waiting on it. Under the lock. */
    private long relayLoad() {
        return offers.values().stream()
                .filter(o -> o.state == Offer.State.RELAYED || (o.state == Offer.State.FALLBACK
                        && (o.callerJoined || o.calleeJoined)))
                .count();
    }

    /** The relay joined the two ends of {@code offer}. */
    void relayed(Offer offer, RelayLink link) {
        String gone = null;
        lock.lock();
        try {
            offer.relayed = link;
            if (!offer.caller.isOpen() || !offer.callee.isOpen()) {
                gone = (offer.caller.isOpen() ? offer.callee : offer.caller).pseudo() + " left the server";
            }
        } finally {
            lock.unlock();
        }
        if (gone != null) {
            link.close(gone);
        }
    }

    /**
     * The relayed link ended. With a reason (a limit, a logout, shutdown) both sides are told on
     * their server connection; with none, one of them closed it and the link told the other.
     */
    void relayEnded(Offer offer, String reason, long bytes) {
        lock.lock();
        try {
            offer.state = Offer.State.CLOSED;
            offer.closedReason = reason == null ? "the relayed link ended" : reason;
            offers.remove(offer.id, offer);
            if (reason != null) {
                for (Session side : List.of(offer.caller, offer.callee)) {
                    send(side, Message.of(P2pMessages.RELAY_CLOSED).put("link", offer.id)
                            .put("peer", offer.other(side).pseudo()).put("reason", reason));
                }
            }
        } finally {
            lock.unlock();
        }
        LOG.info("{}: relayed link ended after {} bytes{}", offer.id, bytes, reason == null ? "" : ": " + reason);
    }

    // --- endings

    void sessionClosed(Session session) {
        List<RelayLink> toClose = new ArrayList<>();
        lock.lock();
        try {
            for (Offer offer : List.copyOf(offers.values())) {
                if (!offer.involves(session) || !offer.open()) {
                    continue;
                }
                String why = session.pseudo() + " left the server";
                if (offer.state == Offer.State.RELAYED) {
                    if (offer.relayed != null) {
                        toClose.add(offer.relayed);
                    }
                } else {
                    // a client that already holds the link directly ignores this P2P_REFUSED
                    close(offer, why, session);
                }
            }
        } finally {
            lock.unlock();
        }
        toClose.forEach(link -> link.close(session.pseudo() + " left the server"));
    }

    /** No answer in time. */
    private void unanswered(Offer offer) {
        lock.lock();
        try {
            if (offer.state != Offer.State.ASKING) {
                return;
            }
            List<String> silent = new ArrayList<>();
            if (!offer.calleeAccepted) {
                silent.add(offer.callee.pseudo());
            }
            if (!offer.callerAccepted) {
                silent.add(offer.caller.pseudo());
            }
            close(offer, String.join(" and ", silent) + " did not answer within " + human(answerTimeout)
                    + " (a client without P2P never answers)", null);
        } finally {
            lock.unlock();
        }
    }

    /** The token ran out before the link was relayed. */
    private void expire(Offer offer) {
        lock.lock();
        try {
            if (offer.state == Offer.State.INVITED) {
                // set up directly, or given up on: the sides know; the token is simply gone
                offer.state = Offer.State.CLOSED;
                offer.closedReason = "its token expired";
                offer.token = null;
                forget(offer);
            } else if (offer.state == Offer.State.FALLBACK) {
                close(offer, "the token of link " + offer.id + " expired before both sides reached the relay", null);
            } else if (offer.state == Offer.State.CLOSED) {
                forget(offer);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Ends a link that is not relayed: tells every side but {@code quiet} with P2P_REFUSED, turns
     * away relay connections that wait, and keeps the reason for late requests a while. Under the lock.
     */
    private void close(Offer offer, String reason, Session quiet) {
        retire(offer, reason);
        for (Session side : List.of(offer.caller, offer.callee)) {
            if (side != quiet) {
                send(side, Message.of(P2pMessages.REFUSED).put("link", offer.id).put("peer", offer.other(side).pseudo())
                        .put("reason", reason));
            }
        }
        for (LinkChannel waiting : new LinkChannel[] {offer.waitingCaller, offer.waitingCallee}) {
            if (waiting != null) {
                // no I/O under the lock: the refusal is written on a thread of its own
                Thread.ofVirtual().start(() -> Relay.refuse(waiting, reason));
            }
        }
        offer.waitingCaller = null;
        offer.waitingCallee = null;
        LOG.info("{}: closed: {}", offer.id, reason);
    }

    /**
     * Ends a link without telling anyone: its token is dropped, the pair is free, and the reason is
     * kept a while for late requests. Under the lock.
     */
    private void retire(Offer offer, String reason) {
        offer.state = Offer.State.CLOSED;
        offer.closedReason = reason;
        offer.token = null;
        byPair.remove(offer.pairKey(), offer);
        cancelTimer(offer);
        offer.timer = context.scheduler().schedule(() -> expire(offer), Duration.ofMillis(Math.max(tokenTtl.toMillis(), 1000)));
    }

    private void forget(Offer offer) {
        offers.remove(offer.id, offer);
        byPair.remove(offer.pairKey(), offer);
    }

    private static void cancelTimer(Offer offer) {
        if (offer.timer != null) {
            offer.timer.cancel();
            offer.timer = null;
        }
    }

    /** Server shutdown: refuse everything new, close the relayed links. */
    void stop() {
        List<RelayLink> relayed = new ArrayList<>();
        lock.lock();
        try {
            stopped = true;
            for (Offer offer : List.copyOf(offers.values())) {
                if (offer.state == Offer.State.RELAYED && offer.relayed != null) {
                    relayed.add(offer.relayed);
                } else {
                    cancelTimer(offer);
                    for (LinkChannel waiting : new LinkChannel[] {offer.waitingCaller, offer.waitingCallee}) {
                        if (waiting != null) {
                            waiting.close();
                        }
                    }
                }
            }
        } finally {
            lock.unlock();
        }
        relayed.forEach(link -> link.close("the server is shutting down"));
    }

    private static void send(Session session, Message message) {
        if (session.isOpen()) {
            session.send(message);
        }
    }

    static String clean(String reason) {
        String oneLine = reason.replaceAll("\\p{Cntrl}", " ").strip();
        return oneLine.length() <= MAX_REASON ? oneLine : oneLine.substring(0, MAX_REASON) + "...";
    }

    /** {@code 60 s}, or {@code 300 ms} for what is not whole seconds. */
    static String human(Duration duration) {
        long ms = duration.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static String brief(String text) {
        if (text == null) {
            return "(none)";
        }
        return clean(text.length() <= 64 ? text : text.substring(0, 64));
    }
}
