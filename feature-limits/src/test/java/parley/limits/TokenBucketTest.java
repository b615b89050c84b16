package parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void aBurstGoesThroughThenTheRateApplies() {
        TokenBucket bucket = new TokenBucket(5, 3, now::get);
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).as("empty: a token every 200 ms").isEqualTo(200_000_000L);
        now.addAndGet(150_000_000L);
        assertThat(bucket.take()).isEqualTo(50_000_000L);
        now.addAndGet(50_000_000L);
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isPositive();
    }

    @Test
    void aLongSilenceRefillsTheBurstAndNoMore() {
        TokenBucket bucket = new TokenBucket(10, 2, now::get);
        bucket.take();
        bucket.take();
        now.addAndGet(60_000_000_000L);
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).isZero();
        assertThat(bucket.take()).as("the burst caps what silence saves").isPositive();
    }

    @Test
    void aRateOrBurstOfZeroIsRefused() {
        assertThatThrownBy(() -> new TokenBucket(0, 5, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TokenBucket(5, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void floodWatchCountsRefusalsPerWindow() {
        FloodWatch watch = new FloodWatch(3, 10_000_000_000L, now::get);
        assertThat(watch.refusedOnceMore()).isFalse();
        assertThat(watch.refusedOnceMore()).isFalse();
        now.addAndGet(11_000_000_000L); // a new window: the count starts again
        assertThat(watch.refusedOnceMore()).isFalse();
        assertThat(watch.refusedOnceMore()).isFalse();
        assertThat(watch.refusedOnceMore()).isTrue();
    }
}
