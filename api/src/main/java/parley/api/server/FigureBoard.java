package parley.api.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Figure;
import parley.api.FigureSource;
import parley.api.Registration;

/**
 * The figures of one server: the kernel's own counters (messages in and out) and what it reads when
 * asked (connections, sessions, heap, RSS, uptime), then the plugins' {@link FigureSource}s. Bytes on
 * the wire are not counted here: the transports would have to count them, which they do not yet.
 * Messages out are counted by the connections ({@link parley.api.transport.Connection#offered()}), not
 * here: this sums the open sessions' counts and the closed ones'. Thread-safe.
 */
final class FigureBoard {

    private static final Logger LOG = LoggerFactory.getLogger(FigureBoard.class);
    private static final Path STATUS = Path.of("/proc/self/status");

    private record Entry(FigureSource source, String plugin) {
    }

    private final SessionRegistry sessions;
    private volatile java.util.function.IntSupplier sequences = () -> 0;
    private final LongAdder messagesIn = new LongAdder();
    /** What the sessions closed so far had queued. */
    private final LongAdder messagesOutClosed = new LongAdder();
    /** The highest messages_out_total reported: a session counted neither open nor closed yet never makes it go back. */
    private final AtomicLong messagesOutReported = new AtomicLong();
    private final long startedAt = System.nanoTime();
    private final List<Entry> sources = new CopyOnWriteArrayList<>();

    FigureBoard(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    /** Where the count of active sequences comes from (the engine, made after the board). */
    void sequences(java.util.function.IntSupplier active) {
        this.sequences = active;
    }

    LongAdder messagesIn() {
        return messagesIn;
    }

    /** Adds a closed session's count of messages out; called once per session, after it left the open ones. */
    void closed(KernelSession session) {
        messagesOutClosed.add(session.offered());
    }

    private long messagesOut(Collection<KernelSession> open) {
        long sum = messagesOutClosed.sum();
        for (KernelSession session : open) {
            sum += session.offered();
        }
        return messagesOutReported.accumulateAndGet(sum, Math::max);
    }

    Registration add(FigureSource source, String plugin) {
        Entry entry = new Entry(source, plugin);
        sources.add(entry);
        return () -> sources.remove(entry);
    }

    List<Figure> figures() {
        List<Figure> out = new ArrayList<>();
        Map<String, Integer> byProtocol = new TreeMap<>();
        int loggedIn = 0;
        Collection<KernelSession> open = sessions.open();
        for (KernelSession session : open) {
            byProtocol.merge(session.protocol(), 1, Integer::sum);
            if (session.pseudo() != null) {
                loggedIn++;
            }
        }
        byProtocol.forEach((protocol, n) -> out.add(
                Figure.gauge("connections", n, "open client connections, by protocol").with("protocol", protocol)));
        if (byProtocol.isEmpty()) {
            out.add(Figure.gauge("connections", 0, "open client connections, by protocol").with("protocol", "none"));
        }
        out.add(Figure.gauge("sessions_logged_in", loggedIn, "sessions that hold a pseudo"));
        out.add(Figure.counter("messages_in_total", messagesIn.sum(), "messages received from clients (binary frames not counted)"));
        out.add(Figure.counter("messages_out_total", messagesOut(open),
                "messages and binary frames queued to clients"));
        out.add(Figure.gauge("sequences_active", sequences.getAsInt(), "sequences running (votes, file transfers)"));
        Runtime runtime = Runtime.getRuntime();
        out.add(Figure.gauge("heap_used_bytes", runtime.totalMemory() - runtime.freeMemory(), "Java heap in use"));
        long rss = rssBytes();
        if (rss >= 0) {
            out.add(Figure.gauge("rss_bytes", rss, "resident set size of the process (VmRSS)"));
        }
        out.add(Figure.gauge("uptime_seconds", (System.nanoTime() - startedAt) / 1_000_000_000L, "seconds since the server started"));
        for (Entry entry : sources) {
            try {
                out.addAll(entry.source().figures());
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("the figures of plugin {} failed; they are left out of this answer", entry.plugin(), e);
            }
        }
        return out;
    }

    /** VmRSS from /proc/self/status in bytes, or -1 where there is none (not Linux). */
    static long rssBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

}
