package parley.limits;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import parley.api.Config;
import parley.api.ServerContext;
import parley.api.SessionState;
import parley.api.spi.ServerFeature;

/** The limits plugin's composition root: reads its settings and adds the rate-limit filter. */
public final class LimitsFeature implements ServerFeature {

    private static final Logger LOG = LoggerFactory.getLogger(LimitsFeature.class);

    @Override
    public void start(ServerContext context) {
        Config config = context.config();
        LimitsSettings.ALL.forEach(config::get); // a bad value fails the start, naming its key
        int perSecond = config.get(LimitsSettings.REQUESTS_PER_SECOND);
        int refusals = config.get(LimitsSettings.FLOOD_REFUSALS);
        Duration window = config.get(LimitsSettings.FLOOD_WINDOW);
        SessionState<RateLimit.Budget> budgets = null;
        if (perSecond == 0) {
            LOG.info("limits: no request rate limit (limits.requests-per-second=0)");
        } else {
            int burst = config.get(LimitsSettings.REQUEST_BURST);
            budgets = context.sessionState(() -> new RateLimit.Budget(
                    new TokenBucket(perSecond, burst, System::nanoTime),
                    new FloodWatch(refusals, window.toNanos(), System::nanoTime)));
            RateLimit limit = new RateLimit(budgets, perSecond, burst, refusals, window);
            context.addFilter(limit);
            context.addFigures(limit::figures);
        }
        long bytesPerSecond = config.get(LimitsSettings.BYTES_PER_SECOND);
        if (bytesPerSecond == 0) {
            LOG.info("limits: no byte rate limit (limits.bytes-per-second=0)");
            return;
        }
        long byteBurst = config.get(LimitsSettings.BYTE_BURST);
        if (byteBurst <= 0) {
            throw new IllegalArgumentException("limits.byte-burst must be positive, got " + byteBurst);
        }
        SessionState<ByteBucket> buckets = context.sessionState(
                () -> new ByteBucket(bytesPerSecond, byteBurst, System::nanoTime));
        ByteRate bytes = new ByteRate(buckets, budgets, bytesPerSecond, byteBurst, refusals, window.toSeconds());
        context.addFilter(bytes);
        context.addFigures(bytes::figures);
    }
}
