package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.ServerContext;
import parley.api.SessionState;
import parley.api.plugin.Plugin;

class SessionStateTest {

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("counter")
            .feature(() -> Features.starting(context, c -> { }))
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    @Test
    void eachSessionHasItsOwnValueMadeOnce() {
        AtomicInteger made = new AtomicInteger();
        SessionState<AtomicInteger> state = context.get().sessionState(() -> {
            made.incrementAndGet();
            return new AtomicInteger();
        });
        var alice = kernel.login("alice");
        var bob = kernel.login("bob");

        state.get(alice.session()).incrementAndGet();
        state.get(alice.session()).incrementAndGet();
        state.get(bob.session()).incrementAndGet();

        assertThat(state.get(alice.session())).hasValue(2);
        assertThat(state.get(bob.session())).hasValue(1);
        assertThat(made).hasValue(2);
    }

    @Test
    void peekDoesNotMakeAValueAndClearDropsIt() {
        SessionState<String> state = context.get().sessionState(() -> "fresh");
        var alice = kernel.login("alice");

        assertThat(state.peek(alice.session())).isNull();
        assertThat(state.get(alice.session())).isEqualTo("fresh");
        state.clear(alice.session());
        assertThat(state.peek(alice.session())).isNull();
    }

    @Test
    void theValueIsDroppedWhenTheSessionCloses() {
        SessionState<String> state = context.get().sessionState(() -> "value");
        var alice = kernel.login("alice");
        KernelSession session = (KernelSession) alice.session();
        state.get(session);

        alice.hangUp();

        assertThat(session.states()).isEmpty();
        assertThatThrownBy(() -> state.get(session)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theValuesAreDroppedWhenThePluginUnloads() {
        SessionState<String> state = context.get().sessionState(() -> "value");
        var alice = kernel.login("alice");
        KernelSession session = (KernelSession) alice.session();
        state.get(session);
        assertThat(session.states()).hasSize(1);

        kernel.server.unload("counter");

        assertThat(session.states()).isEmpty();
    }
}
