package parley.p2p.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import parley.api.Message;
import parley.api.Sessions;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import parley.p2p.link.Fingerprint;
import parley.p2p.link.Handshake;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.LinkException;
import parley.p2p.link.LinkIdentity;
import parley.p2p.link.LinkTls;
import parley.p2p.link.Nonces;
import parley.p2p.link.P2pMessages;

/**
 * A client's P2P: asks for links ({@link #open}), answers the server's questions by
 * {@code p2p.accept} or by the user ({@link #accept}, {@link #refuse}), dials or listens, proves
 * the token, falls back to the relay, and keeps the open {@link P2pLink}s. It works beside a logged-in
 * {@link ParleyClient}, whose pushes it listens to, and needs no terminal: tests and programs drive
 * it directly, {@link P2pClientExtension} wraps it for the interactive client.
 *
 * <p><b>Threading.</b> Thread-safe. Pushes are handled on the server connection's reader thread
 * without blocking; dialling, listening, the relay and each link run on virtual threads; one daemon
 * timer thread runs deadlines and keepalives. What happens is told to the {@link P2pEvents}.
 *
 * <p><b>Failure.</b> A link that cannot be set up fails {@link #open}'s future with a
 * {@link LinkException} whose message says why (refused, no answer, direct and relay both failed),
 * and is told to {@link P2pEvents#failed}. Bad pushes are ignored with a notice.
 */
public final class P2pClient implements AutoCloseable {

    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration INVITE_WAIT = Duration.ofSeconds(5);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(10);

    /** The connection to the server: a new one after {@link #reconnected}. */
    private volatile ParleyClient server;
    /** It listens to the connection's pushes itself ({@link #start}), so also to a new one's. */
    private volatile boolean fed;
    private final String pseudo;
    private final P2pOptions options;
    private final P2pEvents events;
    private final ScheduledExecutorService timers;
    private final DirectListener listener;
    /** This run's link certificate: shown on every link, its fingerprint sent with each request and accept. */
    private final LinkIdentity identity = LinkIdentity.generate();
    /** Links this side asked for (or accepted as caller), by the peer's pseudo in lower case. */
    private final Map<String, Outgoing> outgoing = new ConcurrentHashMap<>();
    /** Questions waiting for the user, by link id. */
    private final Map<String, P2pAsk> asks = new ConcurrentHashMap<>();
    /** Links accepted as callee, by link id. */
    private final Map<String, Expectation> expectations = new ConcurrentHashMap<>();
    /** Open links, by the peer's pseudo in lower case. */
    private final Map<String, P2pLink> links = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** A link this side will dial. */
    private static final class Outgoing {
        final String peer;
        final CompletableFuture<P2pLink> result = new CompletableFuture<>();
        final java.util.concurrent.atomic.AtomicBoolean ended = new java.util.concurrent.atomic.AtomicBoolean();
        volatile String link;
        volatile boolean invited;

        Outgoing(String peer) {
            this.peer = peer;
        }
    }

    /** A relay connection, joined with the other side. */
    private record Relayed(LinkChannel channel, RelayLimits limits) {
    }

    private P2pClient(ParleyClient server, P2pOptions options, P2pEvents events) {
        this.server = server;
        this.pseudo = server.pseudo();
        this.options = options;
        this.events = events;
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("p2p-timers").factory());
        pool.setRemoveOnCancelPolicy(true);
        this.timers = pool;
        this.listener = new DirectListener(options.listenHost(), options.listenPort(), this::incoming);
    }

    /**
     * Starts P2P beside a client that has logged in.
     *
     * @throws IllegalStateException when it has not
     */
    public static P2pClient start(ParleyClient server, P2pOptions options, P2pEvents events) {
        P2pClient client = startUnfed(server, options, events);
        client.fed = true;
        server.onPush(client::onPush);
        return client;
    }

    /**
     * Starts P2P without listening to {@code server}'s pushes: the caller hands each {@code P2P_} push to
     * {@link #deliver}, in the order they came. The interactive client does so, because a push can reach
     * its shell before the client exists, and a listener added now would miss one that the connection's
     * reader is already passing along.
     */
    static P2pClient startUnfed(ParleyClient server, P2pOptions options, P2pEvents events) {
        if (server.pseudo() == null) {
            throw new IllegalStateException("log in before starting P2P: a link is between two pseudos");
        }
        return new P2pClient(server, options, events == null ? new P2pEvents() { } : events);
    }

    /** The SHA-256 fingerprint of this client's link certificate ({@code SHA256:AB:CD:...}), made for this run. */
    public String fingerprint() {
        return identity.fingerprint().text();
    }

    // --- what the user does

    /**
     * Asks the server for a link with {@code peer}. The future completes with the link once it is
     * up, direct or relayed; with the open link at once if there is one; or fails with the reason.
     */
    public CompletableFuture<P2pLink> open(String peer) {
        if (closed) {
            return CompletableFuture.failedFuture(new LinkException("P2P is closed"));
        }
        String key = key(peer);
        P2pLink open = links.get(key);
        if (open != null && open.isOpen()) {
            return CompletableFuture.completedFuture(open);
        }
        Outgoing fresh = new Outgoing(peer);
        Outgoing waiting = outgoing.putIfAbsent(key, fresh);
        if (waiting != null) {
            return waiting.result;
        }
        server.request(Message.of(P2pMessages.REQUEST).put("peer", peer).put("fingerprint", fingerprint())).whenComplete((reply, error) -> {
            if (error != null) {
                fail(fresh, "could not ask the server for a link with " + peer + ": " + error.getMessage());
            } else if (!Verbs.OK.equals(reply.type())) {
                fail(fresh, String.valueOf(reply.text("reason")));
            } else if (fresh.link == null) {
                fresh.link = reply.text("link");
            }
        });
        return fresh.result;
    }

    /** The open link with {@code peer}, if any. */
    public Optional<P2pLink> link(String peer) {
        P2pLink link = links.get(key(peer));
        return link != null && link.isOpen() ? Optional.of(link) : Optional.empty();
    }

    /** Every open link, by peer. */
    public List<P2pLink> links() {
        return links.values().stream().filter(P2pLink::isOpen).sorted(Comparator.comparing(P2pLink::peer)).toList();
    }

    /** Peers this side asked for a link with, not set up yet. */
    public List<String> pending() {
        return outgoing.values().stream().map(o -> o.peer).sorted().toList();
    }

    /** Questions waiting for an answer (with {@code p2p.accept=ask}). */
    public List<P2pAsk> asks() {
        return List.copyOf(asks.values());
    }

    /**
     * Accepts a waiting question.
     *
     * @param who the asking peer or the link's id; empty when only one question waits
     * @throws IllegalArgumentException when no such question waits
     */
    public void accept(String who) {
        answerAccept(takeAsk(who));
    }

    /**
     * Refuses a waiting question; the other side is told {@code reason}.
     *
     * @throws IllegalArgumentException when no such question waits
     */
    public void refuse(String who, String reason) {
        answerRefuse(takeAsk(who), reason);
    }

    private P2pAsk takeAsk(String who) {
        List<P2pAsk> waiting = asks();
        P2pAsk ask;
        if (who == null || who.isBlank()) {
            if (waiting.size() != 1) {
                throw new IllegalArgumentException(waiting.isEmpty() ? "no one is asking for a link"
                        : "several users are asking: name one of " + String.join(", ", waiting.stream().map(P2pAsk::peer).toList()));
            }
            ask = waiting.get(0);
        } else {
            ask = waiting.stream().filter(a -> a.link().equals(who) || a.peer().equalsIgnoreCase(who)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no link question from " + who
                            + (waiting.isEmpty() ? "" : "; waiting: " + String.join(", ", waiting.stream().map(P2pAsk::peer).toList()))));
        }
        if (!asks.remove(ask.link(), ask)) {
            throw new IllegalArgumentException("the question from " + ask.peer() + " was answered already");
        }
        return ask;
    }

    /**
     * Carries on over {@code next}, a new connection to the server for the same pseudo, after the old one
     * dropped: requests go through it from now on, and a client made by {@link #start} listens to its
     * pushes. What was being arranged with the server and not invited yet ends, told to the events,
     * since the server may have forgotten it: a link asked for or accepted fails (ask again), and a
     * question waiting for the user is dropped. Links already invited, up or being set up, stay: they do
     * not go through this connection. Call it before {@code next} logs in; any thread.
     */
    public void reconnected(ParleyClient next) {
        server = next;
        if (fed) {
            next.onPush(this::onPush);
        }
        String why = "the connection to the server dropped before the link was set up: ask again";
        for (Outgoing mine : List.copyOf(outgoing.values())) {
            if (!mine.invited) {
                fail(mine, why);
            }
        }
        for (Expectation expectation : List.copyOf(expectations.values())) {
            if (expectation.expiresAt() == null && expectations.remove(expectation.link, expectation)) {
                stopListening(expectation);
                safely(() -> events.failed(expectation.peer, why));
            }
        }
        for (P2pAsk ask : List.copyOf(asks.values())) {
            if (asks.remove(ask.link(), ask)) {
                notice("the question from " + ask.peer() + " is over: the connection to the server dropped");
            }
        }
    }

    // --- pushes from the server

    /**
     * Handles a push for a client started by {@link #startUnfed}: called for each push in the order they
     * came, one at a time (on the connection's reader thread, or on the thread that started the client
     * for those that came before), never blocking.
     */
    void deliver(Message push) {
        onPush(push);
    }

    private void onPush(Message push) {
        if (closed || !push.type().startsWith("P2P_")) {
            return;
        }
        try {
            switch (push.type()) {
                case P2pMessages.ASK -> onAsk(push);
                case P2pMessages.INVITE -> onInvite(push);
                case P2pMessages.REFUSED -> onRefused(push);
                case P2pMessages.FALLBACK -> onFallback(push);
                case P2pMessages.RELAY_CLOSED -> onRelayClosed(push);
                default -> {
                    // a newer server's message: nothing to do
                }
            }
        } catch (RuntimeException e) {
            notice("ignored a bad " + push.type() + " from the server: " + e.getMessage());
        }
    }

    private void onAsk(Message push) {
        String link = push.text("link");
        String peer = push.text("peer");
        String role = push.text("role");
        if (link == null || !Sessions.isValidPseudo(peer)
                || !(P2pMessages.CALLER.equals(role) || P2pMessages.CALLEE.equals(role))) {
            throw new IllegalArgumentException("it needs link, peer and role");
        }
        P2pAsk ask = new P2pAsk(link, peer, role);
        P2pLink open = links.get(key(peer));
        if (open != null && open.isOpen()) {
            answerRefuse(ask, pseudo + " has a link with " + peer + " already");
            return;
        }
        switch (options.accept()) {
            case NEVER -> {
                answerRefuse(ask, pseudo + " takes no P2P links (p2p.accept=never)");
                notice("refused a link with " + peer + " (p2p.accept=never)");
            }
            case ALWAYS -> answerAccept(ask);
            case ASK -> {
                asks.put(link, ask);
                long timeout = push.number("timeout_ms", 60_000);
                timers.schedule(() -> asks.remove(link, ask), timeout, TimeUnit.MILLISECONDS);
                safely(() -> events.asked(ask));
            }
        }
    }

    private void answerAccept(P2pAsk ask) {
        Message accept = Message.of(P2pMessages.ACCEPT).put("link", ask.link()).put("fingerprint", fingerprint());
        if (P2pMessages.CALLEE.equals(ask.role())) {
            boolean listening = false;
            try {
                int local = listener.acquire();
                listening = true;
                accept.put("port", options.announcePort() > 0 ? options.announcePort() : local);
            } catch (IOException e) {
                notice("cannot take a direct connection (" + e.getMessage() + "): the link with " + ask.peer()
                        + " will go through the relay");
            }
            Expectation expectation = new Expectation(ask.link(), ask.peer(), listening);
            expectations.put(ask.link(), expectation);
            server.request(accept).whenComplete((reply, error) -> {
                if (error != null || !Verbs.OK.equals(reply.type())) {
                    if (expectations.remove(ask.link(), expectation)) {
                        stopListening(expectation);
                        String why = error != null ? error.getMessage() : reply.text("reason");
                        safely(() -> events.failed(ask.peer(), "the server did not take the answer: " + why));
                    }
                }
            });
        } else {
            Outgoing mine = new Outgoing(ask.peer());
            mine.link = ask.link();
            outgoing.put(key(ask.peer()), mine);
            server.request(accept).whenComplete((reply, error) -> {
                if (error != null || !Verbs.OK.equals(reply.type())) {
                    fail(mine, "the server did not take the answer: "
                            + (error != null ? error.getMessage() : reply.text("reason")));
                }
            });
        }
    }

    private void answerRefuse(P2pAsk ask, String reason) {
        server.request(Message.of(P2pMessages.REFUSE).put("link", ask.link()).put("reason", reason));
    }

    private void onInvite(Message push) {
        Invite invite;
        try {
            invite = Invite.parse(push);
        } catch (IllegalArgumentException e) {
            badInvite(push, e.getMessage());
            return;
        }
        if (invite.caller()) {
            Outgoing mine = outgoing.get(key(invite.peer()));
            if (mine == null || (mine.link != null && !mine.link.equals(invite.link())) || mine.invited) {
                notice("ignored an invite to link " + invite.link() + " with " + invite.peer() + ": this client did not ask");
                return;
            }
            mine.link = invite.link();
            mine.invited = true;
            Thread.ofVirtual().name("p2p-call-" + invite.link()).start(() -> call(invite, mine));
        } else {
            Expectation expectation = expectations.get(invite.link());
            if (expectation == null || !expectation.peer.equalsIgnoreCase(invite.peer())) {
                notice("ignored an invite to link " + invite.link() + " with " + invite.peer() + ": this client did not accept it");
                return;
            }
            expectation.invited(invite, options.clock().instant());
            timers.schedule(() -> expired(expectation), invite.expires().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** An invite this client cannot use (no fingerprint from an older server): the link it was for fails. */
    private void badInvite(Message push, String why) {
        String link = String.valueOf(push.text("link"));
        String reason = "cannot use the invite to link " + link + ": " + why;
        Outgoing mine = outgoing.values().stream().filter(o -> link.equals(o.link)).findFirst().orElse(null);
        Expectation expectation = expectations.remove(link);
        if (mine != null) {
            fail(mine, reason);
        } else if (expectation != null) {
            stopListening(expectation);
            safely(() -> events.failed(expectation.peer, reason));
        } else {
            notice("ignored a bad P2P_INVITE from the server: " + why);
        }
    }

    private void onRefused(Message push) {
        String link = push.text("link");
        String peer = push.text("peer");
        String reason = String.valueOf(push.text("reason"));
        Outgoing mine = peer == null ? null : outgoing.get(key(peer));
        if (mine != null && !mine.invited && (mine.link == null || mine.link.equals(link))) {
            fail(mine, reason);
        }
        P2pAsk ask = link == null ? null : asks.remove(link);
        if (ask != null) {
            notice("the question from " + ask.peer() + " is over: " + reason);
        }
        Expectation expectation = link == null ? null : expectations.get(link);
        if (expectation != null && !expectation.isLinked() && expectations.remove(link, expectation)) {
            stopListening(expectation);
            safely(() -> events.failed(expectation.peer, reason));
        }
    }

    private void onFallback(Message push) {
        Expectation expectation = expectations.get(String.valueOf(push.text("link")));
        if (expectation == null) {
            return;
        }
        P2pLink direct = expectation.fallback();
        stopListening(expectation);
        if (direct != null) {
            direct.drop(expectation.peer + " switched to the relay");
        }
        notice(expectation.peer + " could not reach you directly (" + push.text("reason") + "): linking through the relay");
        Thread.ofVirtual().name("p2p-relay-" + expectation.link).start(() -> relayAsCallee(expectation));
    }

    private void onRelayClosed(Message push) {
        String link = push.text("link");
        String reason = "the relay closed the link with " + push.text("peer") + ": " + push.text("reason");
        Optional<P2pLink> open = links.values().stream().filter(l -> l.id().equals(link) && !l.closed().isDone()).findFirst();
        if (open.isPresent()) {
            open.get().drop(reason);
        } else {
            notice(reason);
        }
    }

    // --- the caller's side

    private void call(Invite invite, Outgoing mine) {
        String peer = invite.peer();
        String direct;
        if (invite.peerPort() == 0) {
            direct = peer + " takes no direct connection";
        } else {
            InetSocketAddress address = new InetSocketAddress(invite.peerIp(), invite.peerPort());
            LinkChannel channel = null;
            try {
                long deadline = System.nanoTime() + invite.connectTimeout().toNanos();
                channel = LinkChannel.connect(address, invite.connectTimeout(), LinkChannel.MAX_FRAME_BYTES);
                channel.readTimeout(Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
                // TLS first, pinned on the callee's certificate: the HELLO goes only to the real callee
                channel = LinkTls.asCaller(channel.socket(), identity, invite.peerFingerprint(), peer,
                        LinkChannel.MAX_FRAME_BYTES);
                Handshake.asCaller(channel, invite.link(), pseudo, peer, invite.token());
                channel.readTimeout(Duration.ZERO);
                // the server can forget the token now; the link does not depend on its answer
                server.request(Message.of(P2pMessages.LINKED).put("link", invite.link()));
                linked(invite, channel, LinkMode.DIRECT, null, mine, null);
                return;
            } catch (IOException | RuntimeException e) {
                if (channel != null) {
                    channel.close();
                }
                direct = describe(e, address, invite.connectTimeout());
            }
        }
        if (closed) {
            return;
        }
        if (invite.relayPort() == 0) {
            fail(mine, "could not reach " + peer + " directly (" + direct + "), and the server runs no relay");
            return;
        }
        notice("could not reach " + peer + " directly (" + direct + "): trying the server's relay");
        LinkChannel channel = null;
        try {
            Message reply = server.call(Message.of(P2pMessages.FALLBACK).put("link", invite.link()).put("reason", direct),
                    SERVER_TIMEOUT);
            if (!Verbs.OK.equals(reply.type())) {
                throw new LinkException("the server refused the fallback: " + reply.text("reason"));
            }
            Relayed relayed = relay(invite, P2pMessages.CALLER);
            channel = relayed.channel();
            if (channel.takeReadAhead().length > 0) {
                throw new LinkException("the relay sent bytes before the callee could have answered");
            }
            // TLS end to end through the relay, which copies the records without reading them
            channel = LinkTls.asCaller(channel.socket(), identity, invite.peerFingerprint(), peer,
                    LinkChannel.MAX_FRAME_BYTES);
            Handshake.asCaller(channel, invite.link(), pseudo, peer, invite.token());
            channel.readTimeout(Duration.ZERO);
            linked(invite, channel, LinkMode.RELAYED, relayed.limits(), mine, null);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            fail(mine, "could not link with " + peer + ": directly, " + direct + "; through the relay, " + e.getMessage());
        }
    }

    // --- the callee's side

    private void incoming(Socket socket) {
        String from = socket.getInetAddress().getHostAddress();
        LinkChannel channel;
        try {
            socket.setSoTimeout((int) HANDSHAKE_TIMEOUT.toMillis());
            // the link is not known before the HELLO, which travels inside TLS: any certificate passes the
            // TLS handshake here, and the gate checks it against that link's pin before anything else
            channel = LinkTls.asCallee(socket, null, identity, null, "the caller from " + from,
                    LinkChannel.MAX_FRAME_BYTES);
        } catch (LinkException e) {
            notice("turned away a connection from " + from + ": " + e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // gone
            }
            return;
        }
        try {
            channel.readTimeout(HANDSHAKE_TIMEOUT);
            Fingerprint shown = channel.peerFingerprint();
            Handshake.Hello hello = Handshake.asCallee(channel, (link, who) -> admit(link, who, true, shown));
            channel.readTimeout(Duration.ZERO);
            Expectation expectation = expectations.get(hello.link());
            Invite invite = expectation == null ? null : expectation.awaitInvite(Duration.ZERO);
            if (invite == null || closed) {
                channel.close();
                return;
            }
            linked(invite, channel, LinkMode.DIRECT, null, null, expectation);
        } catch (LinkException e) {
            channel.close();
            notice("turned away a connection from " + from + ": " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            channel.close();
        }
    }

    private void relayAsCallee(Expectation expectation) {
        Invite invite = expectation.awaitInvite(INVITE_WAIT);
        if (invite == null) {
            return;
        }
        LinkChannel channel = null;
        try {
            if (invite.relayPort() == 0) {
                throw new LinkException("the server runs no relay");
            }
            Relayed relayed = relay(invite, P2pMessages.CALLEE);
            channel = relayed.channel();
            // the caller's ClientHello may have come with the relay's READY: the TLS server reads it first.
            // As on a direct link, the caller's certificate is checked by the gate, after the HELLO, so that a
            // wrong one gets a P2P_DENIED saying why (a TLS 1.3 client hears of a refusal only on its first read)
            byte[] ahead = channel.takeReadAhead();
            channel = LinkTls.asCallee(channel.socket(), ahead, identity, null, invite.peer(), LinkChannel.MAX_FRAME_BYTES);
            Fingerprint shown = channel.peerFingerprint();
            Handshake.asCallee(channel, (link, who) -> admit(link, who, false, shown));
            channel.readTimeout(Duration.ZERO);
            linked(invite, channel, LinkMode.RELAYED, relayed.limits(), null, expectation);
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            if (expectations.remove(expectation.link, expectation) && !closed) {
                safely(() -> events.failed(invite.peer(), "could not link with " + invite.peer()
                        + " through the relay: " + e.getMessage()));
            }
        }
    }

    /**
     * The callee's checks on a HELLO: a link it accepted, invited, for that caller, showing the
     * certificate the server announced for it, not expired, unused. The certificate is checked before
     * the token's use is taken, so a stranger's connection cannot spend the real caller's one try.
     */
    private parley.p2p.link.Token admit(String link, String who, boolean direct, Fingerprint shown)
            throws LinkException {
        Expectation expectation = expectations.get(link);
        if (expectation == null) {
            throw new LinkException("no link " + link + " is expected here");
        }
        Invite invite = expectation.awaitInvite(INVITE_WAIT);
        if (invite == null) {
            throw new LinkException("link " + link + " has no invite yet");
        }
        if (!invite.peer().equalsIgnoreCase(who)) {
            throw new LinkException("link " + link + " is not for " + who);
        }
        if (shown == null || !shown.equals(invite.peerFingerprint())) {
            throw new LinkException("the caller of link " + link + " showed certificate " + shown + ", not "
                    + invite.peerFingerprint() + " that the server announced for " + invite.peer()
                    + ": it is not " + invite.peer() + ", or someone is in the middle; the link is refused");
        }
        if (options.clock().instant().isAfter(expectation.expiresAt())) {
            throw new LinkException("the token of link " + link + " expired");
        }
        if (direct ? !expectation.useDirect() : !expectation.useRelay()) {
            throw new LinkException("the token of link " + link + " was used already");
        }
        return invite.token();
    }

    private void expired(Expectation expectation) {
        if (expectations.remove(expectation.link, expectation)) {
            stopListening(expectation);
            if (!expectation.isLinked() && !closed) {
                safely(() -> events.failed(expectation.peer, expectation.peer
                        + " did not reach you before the link's token expired"));
            }
        }
    }

    // --- both sides

    /** Dials the relay, proves the token for {@code role}, and waits for the other side. */
    private Relayed relay(Invite invite, String role) throws IOException {
        String host = invite.relayHost() != null ? invite.relayHost()
                : server.remoteAddress().getAddress().getHostAddress();
        InetSocketAddress address = new InetSocketAddress(host, invite.relayPort());
        LinkChannel channel;
        try {
            channel = LinkChannel.connect(address, SERVER_TIMEOUT, LinkChannel.MAX_FRAME_BYTES);
        } catch (IOException e) {
            throw new LinkException("cannot reach the relay at " + host + ":" + invite.relayPort() + ": " + e.getMessage());
        }
        try {
            channel.readTimeout(SERVER_TIMEOUT);
            Message challenge = channel.readMessage();
            refused(challenge);
            String nonce = challenge.text("nonce");
            if (!P2pMessages.RELAY_CHALLENGE.equals(challenge.type()) || !Nonces.valid(nonce)) {
                throw new LinkException("what answers at " + host + ":" + invite.relayPort() + " is not a Parley relay");
            }
            channel.send(Message.of(P2pMessages.RELAY_JOIN).put("link", invite.link()).put("role", role)
                    .put("proof", invite.token().prove(P2pMessages.RELAY_PURPOSE, invite.link(), role, nonce)));
            channel.readTimeout(invite.expires().plus(SERVER_TIMEOUT));
            Message ready = channel.readMessage();
            refused(ready);
            if (!P2pMessages.RELAY_READY.equals(ready.type())) {
                throw new LinkException("the relay answered " + ready.type() + " instead of P2P_RELAY_READY");
            }
            channel.readTimeout(HANDSHAKE_TIMEOUT);
            return new Relayed(channel, new RelayLimits(ready.number("max_bytes", Long.MAX_VALUE),
                    Duration.ofMillis(ready.number("max_duration_ms", Long.MAX_VALUE))));
        } catch (SocketTimeoutException e) {
            channel.close();
            throw new LinkException(invite.peer() + " did not reach the relay in time");
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void refused(Message message) throws LinkException {
        if (P2pMessages.RELAY_REFUSED.equals(message.type())) {
            throw new LinkException("the relay refused: " + message.text("reason"));
        }
    }

    private void linked(Invite invite, LinkChannel channel, LinkMode mode, RelayLimits limits, Outgoing mine,
                        Expectation expectation) {
        String key = key(invite.peer());
        P2pLink link = new P2pLink(invite.link(), invite.peer(), mode, limits, channel, options, events,
                ended -> links.remove(key, ended));
        if (closed) {
            link.close(pseudo + " closed P2P");
            return;
        }
        P2pLink before = links.put(key, link);
        if (before != null && before != link) {
            before.close("replaced by link " + link.id());
        }
        if (expectation != null) {
            expectation.linked(link);
            if (mode == LinkMode.DIRECT) {
                stopListening(expectation);
            }
        }
        safely(() -> events.linked(link));
        if (mine != null) {
            outgoing.remove(key, mine);
            mine.ended.set(true);
            mine.result.complete(link);
        }
        link.start(timers);
    }

    private void fail(Outgoing mine, String reason) {
        outgoing.remove(key(mine.peer), mine);
        if (mine.ended.compareAndSet(false, true)) {
            // the events first: whoever waits on the future sees them told
            safely(() -> events.failed(mine.peer, reason));
            mine.result.completeExceptionally(new LinkException(reason));
        }
    }

    private void stopListening(Expectation expectation) {
        if (expectation.stopListening()) {
            listener.release();
        }
    }

    private void notice(String text) {
        safely(() -> events.notice(text));
    }

    private static String describe(Exception e, InetSocketAddress address, Duration timeout) {
        String where = address.getHostString() + ":" + address.getPort();
        if (e instanceof SocketTimeoutException) {
            return "no answer from " + where + " within " + timeout.toMillis() + " ms";
        }
        if (e instanceof ConnectException) {
            return where + " refused the connection";
        }
        if (e instanceof LinkException) {
            return e.getMessage();
        }
        return where + ": " + e.getMessage();
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            // the user's handler failed: P2P goes on
        }
    }

    private static String key(String pseudo) {
        return pseudo.toLowerCase(Locale.ROOT);
    }

    /** Closes every link (the peers are told), stops listening and forgets pending questions. */
    @Override
    public void close() {
        closed = true;
        for (P2pLink link : List.copyOf(links.values())) {
            link.close(pseudo + " closed P2P");
        }
        for (Outgoing mine : List.copyOf(outgoing.values())) {
            if (mine.ended.compareAndSet(false, true)) {
                mine.result.completeExceptionally(new LinkException("P2P is closed"));
            }
        }
        outgoing.clear();
        asks.clear();
        expectations.clear();
        listener.close();
        timers.shutdown();
    }
}
