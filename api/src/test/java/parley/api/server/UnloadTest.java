package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Authenticator.Decision;
import parley.api.Message;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.Verdict;
import parley.api.plugin.Plugin;

class UnloadTest {

    /** A service the "greeter" plugin offers. */
    interface Greeter {
        String greet(String who);
    }

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final PollAction poll = new PollAction();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("greeter")
            .command(() -> Commands.of("GREET", r -> r.ok()))
            .action(() -> poll)
            .feature(() -> new parley.api.spi.ServerFeature() {
                @Override
                public void start(ServerContext c) {
                    context.set(c);
                    c.services().register(Greeter.class, who -> "hello " + who);
                }

                @Override
                public void stop() {
                    stopped.set(true);
                }
            })
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    private PluginContext pluginContext() {
        return (PluginContext) context.get();
    }

    @Test
    void unloadWithdrawsTheVerbsAndStopsTheFeatures() {
        var alice = kernel.login("alice");
        assertThat(alice.call(Message.of("GREET")).type()).isEqualTo(Verbs.OK);

        assertThat(kernel.server.unload("greeter")).containsExactly("greeter");

        Message answer = alice.call(Message.of("GREET"));
        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).startsWith("unknown type 'GREET'");
        assertThat(kernel.server.verbs()).doesNotContain("GREET", "ANSWER");
        assertThat(kernel.server.plugins()).extracting(LoadedPlugin::name).doesNotContain("greeter");
        assertThat(stopped).isTrue();
    }

    @Test
    void unloadingAnUnknownPluginDoesNothing() {
        assertThat(kernel.server.unload("nobody")).isEmpty();
        assertThat(kernel.server.verbs()).contains("GREET");
    }

    @Test
    void unloadCancelsThePluginsTimersAndNoneRunsAfterIt() throws InterruptedException {
        AtomicInteger ran = new AtomicInteger();
        context.get().scheduler().schedule(ran::incrementAndGet, Duration.ofMillis(100));
        context.get().scheduler().every(Duration.ofMillis(100), ran::incrementAndGet);
        assertThat(pluginContext().pendingTimers()).isEqualTo(2);

        kernel.server.unload("greeter");
        int atUnload = ran.get();

        assertThat(pluginContext().pendingTimers()).isZero();
        // the timer thread runs tasks in deadline order: once a later one has run, the plugin's would have
        CountDownLatch later = new CountDownLatch(1);
        kernel.server.context().scheduler().schedule(later::countDown, Duration.ofMillis(300));
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran.get()).isEqualTo(atUnload);
    }

    @Test
    void aTimerAnUnloadedPluginSchedulesNeverRuns() throws InterruptedException {
        kernel.server.unload("greeter");
        AtomicInteger ran = new AtomicInteger();

        context.get().scheduler().schedule(ran::incrementAndGet, Duration.ZERO).cancel();
        context.get().scheduler().schedule(ran::incrementAndGet, Duration.ofMillis(1));
        context.get().scheduler().every(Duration.ofMillis(1), ran::incrementAndGet);

        assertThat(pluginContext().pendingTimers()).isZero();
        CountDownLatch later = new CountDownLatch(1);
        kernel.server.context().scheduler().schedule(later::countDown, Duration.ofMillis(200));
        assertThat(later.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ran).hasValue(0);
    }

    @Test
    void unloadEndsThePluginsSequencesWithError() {
        var alice = kernel.login("alice");
        assertThat(alice.call(Message.of(Verbs.BEGIN_SEQUENCE).put("action", "POLL").put(Message.SEQ, 9)).type())
                .isEqualTo(Verbs.ACK);

        kernel.server.unload("greeter");

        Message end = alice.next();
        assertThat(end.type()).isEqualTo(Verbs.ERROR);
        assertThat(end.seq().intValue()).isEqualTo(9);
        assertThat(end.text("reason")).isEqualTo("plugin greeter was unloaded");
        assertThat(poll.aborts).containsExactly("plugin greeter was unloaded");
        assertThat(kernel.server.context().sequences().active()).isEmpty();
    }

    @Test
    void unloadUnregistersThePluginsServices() {
        assertThat(kernel.server.context().services().find(Greeter.class)).isPresent();

        kernel.server.unload("greeter");

        assertThat(kernel.server.context().services().find(Greeter.class)).isEmpty();
    }

    @Test
    void unloadRemovesThePluginsFiltersAuthenticatorsAndLoginListeners() {
        var alice = kernel.login("alice");
        context.get().addFilter((r, h) -> r.message().type().equals(Verbs.PING) ? Verdict.deny("no pings") : Verdict.pass());
        context.get().addAuthenticator((session, pseudo, login) -> Decision.refuse("closed for now"));
        context.get().onLogin((session, answer) -> answer.put("greeting", "hello"));
        assertThat(alice.call(Message.of(Verbs.PING)).type()).isEqualTo(Verbs.KO);
        assertThat(kernel.connect().call(Message.of(Verbs.LOGIN).put("pseudo", "bob")).type()).isEqualTo(Verbs.KO);

        kernel.server.unload("greeter");

        assertThat(alice.call(Message.of(Verbs.PING)).type()).isEqualTo(Verbs.PONG);
        Message login = kernel.connect().call(Message.of(Verbs.LOGIN).put("pseudo", "bob"));
        assertThat(login.type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(login.has("greeting")).isFalse();
    }

    @Test
    void aPluginThatNeedsAnotherIsUnloadedWithIt() {
        AtomicReference<ServerContext> userContext = new AtomicReference<>();
        Plugin user = Plugins.requiring(Plugin.builder("user")
                .command(() -> Commands.of("USE", r -> r.ok()))
                .feature(() -> Features.starting(userContext, c -> c.services().require(Greeter.class)))
                .build(), "greeter");
        assertThat(kernel.server.load(List.of(user))).isEmpty();
        assertThat(kernel.server.verbs()).contains("USE");

        assertThat(kernel.server.unload("greeter")).containsExactly("user", "greeter");

        assertThat(kernel.server.verbs()).doesNotContain("USE", "GREET");
        assertThat(kernel.server.plugins()).extracting(LoadedPlugin::name).doesNotContain("user", "greeter");
    }

    @Test
    void unloadEndsTheSequencesThePluginBeganThroughItsContext() {
        PollAction elsewhere = new PollAction();
        assertThat(kernel.server.load(List.of(Plugin.builder("starter")
                .command(() -> Commands.of("START", r -> r.server().sequences().begin(elsewhere, r)))
                .build()))).isEmpty();
        var alice = kernel.login("alice");
        assertThat(alice.call(Message.of("START").put(Message.SEQ, "x")).type()).isEqualTo(Verbs.ACK);

        kernel.server.unload("starter");

        Message end = alice.next();
        assertThat(end.type()).isEqualTo(Verbs.ERROR);
        assertThat(end.seq().stringValue()).isEqualTo("x");
        assertThat(end.text("reason")).isEqualTo("plugin starter was unloaded");
    }

    @Test
    void thePluginCanBeLoadedAgainAfterUnload() {
        kernel.server.unload("greeter");

        assertThat(kernel.server.load(List.of(Plugin.builder("greeter")
                .command(() -> Commands.of("GREET", r -> r.reply(Message.of("AGAIN")))).build()))).isEmpty();

        assertThat(kernel.login("alice").call(Message.of("GREET")).type()).isEqualTo("AGAIN");
    }
}
