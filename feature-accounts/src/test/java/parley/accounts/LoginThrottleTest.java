package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** The throttle's arithmetic, on a clock the test moves: free failures, doubling, the cap, forgetting after a day. */
class LoginThrottleTest {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T07:00:00Z"));
    private final InstantSource clock = () -> now.get();
    private final LoginThrottle throttle = new LoginThrottle(clock, 3, 10, Duration.ofSeconds(2), Duration.ofSeconds(60),
            Duration.ofHours(24));

    private void later(Duration d) {
        now.set(now.get().plus(d));
    }

    @Test
    void threeFreeFailuresThenTheWaitDoublesUpToTheCap() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.refusal("alice", "alice", "10.0.0.1")).isNull();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.refusal("alice", "alice", "10.0.0.2")).isEqualTo("too many failed logins for alice: try again in 2s");
        later(Duration.ofSeconds(2));
        assertThat(throttle.refusal("alice", "alice", "10.0.0.1")).isNull();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.refusal("alice", "alice", "10.0.0.1")).endsWith("try again in 4s");
        later(Duration.ofSeconds(4));
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.refusal("alice", "alice", "10.0.0.1")).endsWith("try again in 8s");
        assertThat(throttle.delay(10)).isEqualTo(Duration.ofSeconds(60));
        assertThat(throttle.refusal("bob", "bob", "10.0.0.3")).as("other accounts and addresses are free").isNull();
    }

    @Test
    void successClearsTheAccountButNotTheAddress() {
        for (int i = 0; i < 10; i++) {
            throttle.failed("acct" + i, "10.0.0.1");
        }
        throttle.succeeded("acct9");
        assertThat(throttle.refusal("acct9", "acct9", "10.0.0.1")).startsWith("too many failed logins from 10.0.0.1");
    }

    @Test
    void failuresAreForgottenADayAfterTheLast() {
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        throttle.failed("alice", "10.0.0.1");
        later(Duration.ofHours(23));
        assertThat(throttle.failures("alice")).as("a patient guesser does not get its free tries back").isEqualTo(3);
        later(Duration.ofHours(2));
        assertThat(throttle.failures("alice")).isZero();
        throttle.sweep();
        throttle.failed("alice", "10.0.0.1");
        assertThat(throttle.failures("alice")).isEqualTo(1);
        assertThat(throttle.refusal("alice", "alice", "10.0.0.1")).isNull();
    }
}
