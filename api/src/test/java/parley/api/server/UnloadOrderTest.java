package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import parley.api.ServerContext;
import parley.api.plugin.Plugin;
import parley.api.spi.ServerFeature;

/** A plugin's timers are cancelled before its features stop: no timer task runs on a stopped feature. */
class UnloadOrderTest {

    /** A feature with a timer pending; its stop records how many of its plugin's timers were still pending. */
    static final class Ticking implements ServerFeature {
        final List<Integer> pendingAtStop = new CopyOnWriteArrayList<>();
        private PluginContext context;

        @Override
        public void start(ServerContext context) {
            this.context = (PluginContext) context;
            context.scheduler().every(Duration.ofHours(1), () -> { });
        }

        @Override
        public void stop() {
            pendingAtStop.add(context.pendingTimers());
        }
    }

    @Test
    void unloadCancelsTheTimersBeforeStoppingTheFeatures() {
        Ticking feature = new Ticking();
        try (var kernel = KernelFixture.start(Plugin.builder("ticking").feature(() -> feature).build())) {

            kernel.server.unload("ticking");

            assertThat(feature.pendingAtStop).containsExactly(0);
        }
    }

    @Test
    void shutdownCancelsTheTimersBeforeStoppingTheFeatures() {
        Ticking feature = new Ticking();
        var kernel = KernelFixture.start(Plugin.builder("ticking").feature(() -> feature).build());

        kernel.close();

        assertThat(feature.pendingAtStop).containsExactly(0);
    }
}
