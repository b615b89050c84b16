package parley.limits;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import parley.api.Figure;
import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.Session;
import parley.api.SessionState;
import parley.api.Setting;
import parley.api.Verdict;
import parley.api.spi.Command;

/**
 * The byte budget: each session's requests and binary frames (file chunks) come out of its own
 * {@link ByteBucket}. A request the budget does not cover gets KO "rate limited" and counts towards
 * flooding, like one over the request rate; a binary frame is never refused, its sender is paced
 * instead: its reader waits until the budget covers the frame, so the connection is not read meanwhile
 * and TCP slows the uploader down, with nothing lost.
 */
final class ByteRate implements RequestFilter {

    private final SessionState<RateLimit.Budget> floods;
    private final SessionState<ByteBucket> buckets;
    private final long perSecond;
    private final long burst;
    private final int floodRefusals;
    private final long windowSeconds;
    private final LongAdder refused = new LongAdder();
    private final LongAdder pacedNanos = new LongAdder();
    private final LongAdder disconnected = new LongAdder();

    ByteRate(SessionState<ByteBucket> buckets, SessionState<RateLimit.Budget> floods, long perSecond, long burst,
             int floodRefusals, long windowSeconds) {
        this.buckets = buckets;
        this.floods = floods;
        this.perSecond = perSecond;
        this.burst = burst;
        this.floodRefusals = floodRefusals;
        this.windowSeconds = windowSeconds;
    }

    @Override
    public Verdict check(Request request, Command handler) {
        if (request.wireBytes() == 0) {
            return Verdict.pass();
        }
        long wait = buckets.get(request.session()).take(request.wireBytes());
        if (wait == 0) {
            return Verdict.pass();
        }
        refused.increment();
        if (floods != null && floods.get(request.session()).flood().refusedOnceMore()) {
            disconnected.increment();
            return Verdict.close("flooding: " + floodRefusals + " requests refused within " + windowSeconds
                    + " s for going over the rate limit; disconnected");
        }
        return Verdict.deny("rate limited: at most " + human(perSecond) + " a second of requests and file data"
                + " (a burst of " + human(burst) + "); retry in " + Math.max(1, (wait + 999_999) / 1_000_000) + " ms");
    }

    /** {@code 32MiB}, or {@code 1000 bytes} when no binary unit holds it exactly. */
    private static String human(long bytes) {
        String text = Setting.formatBytes(bytes);
        return Character.isDigit(text.charAt(text.length() - 1)) ? text + " bytes" : text;
    }

    @Override
    public Verdict checkBinary(Session session, String tag, int bytes) {
        long wait = buckets.get(session).takeOwing(bytes);
        if (wait > 0) {
            pacedNanos.add(wait);
            try {
                TimeUnit.NANOSECONDS.sleep(wait); // pacing: this is the sender's own reader thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Verdict.close("server shutting down");
            }
        }
        return Verdict.pass();
    }

    /** Its figures: requests refused for bytes, time uploaders were paced. */
    List<Figure> figures() {
        return List.of(
                Figure.counter("limits_bytes_refused_total", refused.sum(), "requests refused for going over the byte budget"),
                Figure.counter("limits_bytes_disconnected_total", disconnected.sum(),
                        "sessions disconnected for flooding with requests over the byte budget"),
                Figure.counter("limits_paced_seconds_total", pacedNanos.sum() / 1_000_000_000L,
                        "seconds senders of binary frames (file chunks) were paced by the byte budget"));
    }

    @Override
    public int order() {
        return LOGIN_ORDER - 90;
    }
}
