package parley.limits;

import java.time.Duration;

import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.SessionState;
import parley.api.Verbs;
import parley.api.Verdict;
import parley.api.spi.Command;

/**
 * The request filter: each session's requests come out of its own {@link TokenBucket}. It runs before
 * the login check, so a connection that floods before logging in is limited too. PONG, the answer to
 * the server's own PING, is never counted.
 */
final class RateLimit implements RequestFilter {

    /** A session's bucket and its refusal count. */
    record Budget(TokenBucket bucket, FloodWatch flood) {
    }

    private final SessionState<Budget> budgets;
    private final int perSecond;
    private final int burst;
    private final Duration window;
    private final int floodRefusals;
    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder disconnected = new java.util.concurrent.atomic.LongAdder();

    RateLimit(SessionState<Budget> budgets, int perSecond, int burst, int floodRefusals, Duration window) {
        this.budgets = budgets;
        this.perSecond = perSecond;
        this.burst = burst;
        this.floodRefusals = floodRefusals;
        this.window = window;
    }

    @Override
    public Verdict check(Request request, Command handler) {
        if (Verbs.PONG.equals(request.message().type())) {
            return Verdict.pass();
        }
        Budget budget = budgets.get(request.session());
        long wait = budget.bucket().take();
        if (wait == 0) {
            return Verdict.pass();
        }
        refused.increment();
        if (budget.flood().refusedOnceMore()) {
            disconnected.increment();
            return Verdict.close("flooding: " + floodRefusals + " requests refused within " + window.toSeconds()
                    + " s for going over the rate limit; disconnected");
        }
        long retryMs = Math.max(1, (wait + 999_999) / 1_000_000);
        return Verdict.deny("rate limited: at most " + perSecond + (perSecond == 1 ? " request" : " requests")
                + " a second (a burst of " + burst
                + "); retry in " + retryMs + " ms");
    }

    /** Its figures for STATS and metrics: requests refused, sessions disconnected for flooding. */
    java.util.List<parley.api.Figure> figures() {
        return java.util.List.of(
                parley.api.Figure.counter("limits_refused_total", refused.sum(), "requests refused for going over the rate limit"),
                parley.api.Figure.counter("limits_disconnected_total", disconnected.sum(), "sessions disconnected for flooding"));
    }

    @Override
    public int order() {
        return LOGIN_ORDER - 100;
    }
}
