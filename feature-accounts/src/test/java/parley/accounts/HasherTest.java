package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The hash pool's bounds, made deterministic by holding its one thread: one task runs, one waits in
 * the queue, and the next check is refused at once with {@link Hasher.Busy}; once the thread is free,
 * checks are answered again. Hashes run on the pool's platform threads, never on the caller's.
 */
class HasherTest {

    @Test
    void pastTheThreadsAndTheQueueACheckIsRefusedAtOnce() throws Exception {
        try (Hasher hasher = new Hasher(1, 1, 1000)) {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch running = new CountDownLatch(1);
            assertThat(hasher.offer(() -> {
                running.countDown();
                await(release);
            })).isTrue();
            assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(hasher.offer(() -> { })).as("the queue's one place").isTrue();

            PasswordHash stored = PasswordHash.of("correct horse", 1000);
            assertThatThrownBy(() -> hasher.verify("correct horse", stored))
                    .isInstanceOf(Hasher.Busy.class).hasMessageStartingWith("server busy");
            assertThat(hasher.refused()).isEqualTo(1);

            release.countDown();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> hasher.waiting() == 0);
            assertThat(hasher.verify("correct horse", stored)).isTrue();
            assertThat(hasher.verify("wrong horse", stored)).isFalse();
        }
    }

    @Test
    void hashesRunOnThePoolsPlatformThreads() throws Exception {
        try (Hasher hasher = new Hasher(2, 4, 1000)) {
            Thread[] seen = new Thread[1];
            CountDownLatch done = new CountDownLatch(1);
            hasher.offer(() -> {
                seen[0] = Thread.currentThread();
                done.countDown();
            });
            assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen[0].isVirtual()).isFalse();
            assertThat(seen[0].getName()).startsWith("accounts-hash-");
            PasswordHash made = hasher.hash("correct horse");
            assertThat(made.iterations()).isEqualTo(1000);
            assertThat(hasher.computed()).isEqualTo(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
