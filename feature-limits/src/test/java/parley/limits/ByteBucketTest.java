package parley.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ByteBucketTest {

    private static final long MS = 1_000_000L;

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void theBurstGoesThroughThenTheRateApplies() {
        ByteBucket bucket = new ByteBucket(1000, 3000, now::get);
        assertThat(bucket.take(2000)).isZero();
        assertThat(bucket.take(1000)).isZero();
        assertThat(bucket.take(500)).as("empty: 500 bytes take half a second").isEqualTo(500 * MS);
        now.addAndGet(500 * MS);
        assertThat(bucket.take(500)).isZero();
    }

    @Test
    void aRequestBiggerThanTheBurstNeedsAFullBucket() {
        ByteBucket bucket = new ByteBucket(1000, 3000, now::get);
        bucket.take(1000);
        assertThat(bucket.take(10_000)).as("it waits for the missing 1000 bytes of a full bucket").isEqualTo(1000 * MS);
        now.addAndGet(1000 * MS);
        assertThat(bucket.take(10_000)).isZero();
        assertThat(bucket.take(1)).isPositive();
    }

    @Test
    void binaryDataGoesIntoDebtAndWaitsItOff() {
        ByteBucket bucket = new ByteBucket(1000, 1000, now::get);
        assertThat(bucket.takeOwing(600)).isZero();
        assertThat(bucket.takeOwing(900)).as("500 bytes owed: half a second").isEqualTo(500 * MS);
        now.addAndGet(500 * MS);
        assertThat(bucket.takeOwing(100)).isEqualTo(100 * MS);
    }

    @Test
    void aLongSilenceRefillsTheBurstAndNoMoreWithoutOverflow() {
        ByteBucket bucket = new ByteBucket(32L << 20, 64L << 20, now::get);
        bucket.takeOwing(64L << 20);
        now.addAndGet(365L * 24 * 3600 * 1000 * MS);
        assertThat(bucket.take(64L << 20)).isZero();
        assertThat(bucket.take(1)).isPositive();
    }

    @Test
    void aRateOrBurstOfZeroIsRefused() {
        assertThatThrownBy(() -> new ByteBucket(0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ByteBucket(1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
