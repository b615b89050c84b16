package parley.p2p.client;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The callee's side of one link it accepted: the invite once it comes, and which ways in the token
 * has been used. A token admits one direct handshake (the first one, whatever its outcome) and,
 * after the caller fell back, one through the relay; nothing once the link is up through the relay.
 * Thread-safe.
 */
final class Expectation {

    final String link;
    final String peer;
    private final CompletableFuture<Invite> invite = new CompletableFuture<>();
    private final AtomicBoolean listening = new AtomicBoolean();
    private volatile Instant expiresAt;
    private boolean directUsed;
    private boolean relayUsed;
    private boolean fallback;
    private volatile P2pLink direct;
    private volatile boolean linked;

    Expectation(String link, String peer, boolean listening) {
        this.link = link;
        this.peer = peer;
        this.listening.set(listening);
    }

    void invited(Invite received, Instant now) {
        expiresAt = now.plus(received.expires());
        invite.complete(received);
    }

    /** The invite, waiting for it a little: a fast caller's HELLO may overtake the callee's invite. */
    Invite awaitInvite(Duration timeout) {
        try {
            return invite.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    Instant expiresAt() {
        return expiresAt;
    }

    /** Takes the token's one direct use. */
    synchronized boolean useDirect() {
        if (directUsed || fallback) {
            return false;
        }
        directUsed = true;
        return true;
    }

    /** Takes the token's one use through the relay, after the fallback. */
    synchronized boolean useRelay() {
        if (!fallback || relayUsed) {
            return false;
        }
        relayUsed = true;
        return true;
    }

    /** The caller fell back: direct connections are turned away from now on. */
    synchronized P2pLink fallback() {
        fallback = true;
        directUsed = true;
        return direct;
    }

    /** The link came up; a direct one is remembered in case the caller falls back after all. */
    void linked(P2pLink link) {
        linked = true;
        if (link.mode() == LinkMode.DIRECT) {
            direct = link;
        }
    }

    boolean isLinked() {
        return linked;
    }

    /** True once, for the one caller that must release the direct listener. */
    boolean stopListening() {
        return listening.compareAndSet(true, false);
    }
}
