package parley.p2p;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Registration;
import parley.api.Scheduler;
import parley.api.Message;
import parley.p2p.link.LinkChannel;
import parley.p2p.link.P2pMessages;

/**
 * Two relay connections joined: after one {@code P2P_RELAY_READY} to each, telling the limits, it
 * copies bytes each way without reading them, until either side ends, the byte limit (both
 * directions together) or the duration limit is reached, or {@link #close} is called.
 *
 * <p><b>Threading.</b> One virtual thread per direction, each with one 16 KiB buffer: a slow reader
 * slows its sender down through TCP, and the relay holds no more than that. When one side ends its
 * stream, the other side's output is shut down after what was copied, so a last frame (CLOSE)
 * arrives whole; both connections close when both directions are done, or {@link #HALF_CLOSE_GRACE}
 * later. {@code onEnd} runs once, with a reason for the sides when a limit or {@link #close} ended
 * the link, or null when a side did.
 */
final class RelayLink {

    private static final Logger LOG = LoggerFactory.getLogger(RelayLink.class);
    private static final Duration HALF_CLOSE_GRACE = Duration.ofSeconds(5);
    private static final int BUFFER = 16 * 1024;

    /**
     * Sees the bytes the relay copies, for tests that check what a relay can read (TLS records only).
     * Called on the copying threads; it must not block or keep {@code bytes}, which is reused.
     */
    interface Tap {
        void copied(String link, byte[] bytes, int offset, int length);
    }

    /** Told once when the link ends. */
    interface Ended {
        void ended(String reason, long bytes);
    }

    private final String id;
    private final LinkChannel caller;
    private final LinkChannel callee;
    private final long maxBytes;
    private final Duration maxDuration;
    private final Scheduler timers;
    private final Ended onEnd;
    private final Tap tap;
    private final AtomicLong carried = new AtomicLong();
    private final AtomicInteger directionsDone = new AtomicInteger();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Registration deadline;
    private volatile Registration grace;

    RelayLink(String id, LinkChannel caller, LinkChannel callee, long maxBytes, Duration maxDuration,
              Scheduler timers, Ended onEnd, Tap tap) {
        this.tap = tap;
        this.id = id;
        this.caller = caller;
        this.callee = callee;
        this.maxBytes = maxBytes;
        this.maxDuration = maxDuration;
        this.timers = timers;
        this.onEnd = onEnd;
    }

    void start() {
        Message ready = Message.of(P2pMessages.RELAY_READY).put("link", id).put("max_bytes", maxBytes)
                .put("max_duration_ms", maxDuration.toMillis());
        try {
            caller.send(ready);
            callee.send(ready.copy());
        } catch (IOException e) {
            end(null);
            return;
        }
        LOG.info("{}: relayed (at most {} bytes, {})", id, maxBytes, P2pBroker.human(maxDuration));
        deadline = timers.schedule(() -> close("the relay's time limit of " + P2pBroker.human(maxDuration)
                + " (p2p.relay-max-duration) was reached"), maxDuration);
        Thread.ofVirtual().name("p2p-relay-" + id + "-out").start(() -> pump(caller, callee));
        Thread.ofVirtual().name("p2p-relay-" + id + "-back").start(() -> pump(callee, caller));
    }

    private void pump(LinkChannel from, LinkChannel to) {
        byte[] buffer = new byte[BUFFER];
        InputStream in = from.input();
        OutputStream out = to.output();
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (carried.addAndGet(n) > maxBytes) {
                    close("the relay's byte limit of " + maxBytes + " bytes (p2p.relay-max-bytes) was reached");
                    return;
                }
                if (tap != null) {
                    tap.copied(id, buffer, 0, n);
                }
                out.write(buffer, 0, n);
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // a side dropped, or close() closed the sockets: end below
            if (!ended.get()) {
                end(null);
            }
            return;
        }
        if (directionsDone.incrementAndGet() == 2) {
            end(null);
        } else {
            grace = timers.schedule(() -> end(null), HALF_CLOSE_GRACE);
        }
    }

    /** Ends the link at once; both sides are told {@code reason} on their server connection. */
    void close(String reason) {
        end(reason);
    }

    long carried() {
        return carried.get();
    }

    private void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        caller.close();
        callee.close();
        Registration d = deadline;
        if (d != null) {
            d.cancel();
        }
        Registration g = grace;
        if (g != null) {
            g.cancel();
        }
        onEnd.ended(reason, Math.min(carried.get(), maxBytes));
    }
}
