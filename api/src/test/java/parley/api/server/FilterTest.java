package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.Registration;
import parley.api.Request;
import parley.api.RequestFilter;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.Verdict;
import parley.api.plugin.Plugin;
import parley.api.spi.Command;

class FilterTest {

    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("guard")
            .command(() -> Commands.of("SAY", r -> {
                handled.incrementAndGet();
                r.ok();
            }))
            .feature(() -> Features.starting(context, c -> { }))
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    private static RequestFilter filter(int order, RequestFilter body) {
        return new RequestFilter() {
            @Override
            public Verdict check(Request request, Command handler) {
                return body.check(request, handler);
            }

            @Override
            public int order() {
                return order;
            }
        };
    }

    @Test
    void filtersRunInAscendingOrderThenInTheOrderAdded() {
        var client = kernel.login("alice");
        List<String> seen = new CopyOnWriteArrayList<>();
        context.get().addFilter(filter(50, (r, h) -> pass(seen, "50a")));
        context.get().addFilter(filter(10, (r, h) -> pass(seen, "10")));
        context.get().addFilter(filter(50, (r, h) -> pass(seen, "50b")));
        context.get().addFilter(filter(20, (r, h) -> pass(seen, "20")));

        assertThat(client.call(Message.of("SAY")).type()).isEqualTo(Verbs.OK);
        assertThat(seen).containsExactly("10", "20", "50a", "50b");
    }

    private static Verdict pass(List<String> seen, String name) {
        seen.add(name);
        return Verdict.pass();
    }

    @Test
    void denyGetsKoWithTheReasonAndTheHandlerNeverRuns() {
        var client = kernel.login("alice");
        context.get().addFilter((r, h) -> Verdict.deny("slow down: 5 messages a second at most"));

        Message answer = client.call(Message.of("SAY").put(Message.SEQ, 4));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).isEqualTo("slow down: 5 messages a second at most");
        assertThat(answer.seq().intValue()).isEqualTo(4);
        assertThat(handled).hasValue(0);
        assertThat(client.isOpen()).isTrue();
    }

    @Test
    void closeGetsErrorAndClosesTheConnection() {
        var client = kernel.login("alice");
        context.get().addFilter((r, h) -> Verdict.close("banned"));

        Message answer = client.call(Message.of("SAY"));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).isEqualTo("banned");
        assertThat(client.isOpen()).isFalse();
        assertThat(handled).hasValue(0);
    }

    @Test
    void aFilterThatThrowsFailsClosedWithError() {
        var client = kernel.login("alice");
        context.get().addFilter((r, h) -> {
            throw new IllegalStateException("broken filter");
        });

        Message answer = client.call(Message.of("SAY"));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).startsWith("internal error in a request filter (plugin guard)");
        assertThat(handled).hasValue(0);
    }

    @Test
    void aFilterBelowTheLoginOrderSeesRequestsBeforeLogin() {
        List<String> early = new CopyOnWriteArrayList<>();
        List<String> late = new CopyOnWriteArrayList<>();
        context.get().addFilter(filter(RequestFilter.LOGIN_ORDER - 1, (r, h) -> pass(early, r.message().type())));
        context.get().addFilter(filter(RequestFilter.LOGIN_ORDER + 1, (r, h) -> pass(late, r.message().type())));
        var client = kernel.connect();

        assertThat(client.call(Message.of("SAY")).type()).isEqualTo(Verbs.KO);

        assertThat(early).containsExactly("SAY");
        assertThat(late).isEmpty();
    }

    @Test
    void cancellingTheRegistrationRemovesTheFilter() {
        var client = kernel.login("alice");
        Registration registration = context.get().addFilter((r, h) -> Verdict.deny("no"));
        assertThat(client.call(Message.of("SAY")).type()).isEqualTo(Verbs.KO);

        registration.cancel();

        assertThat(client.call(Message.of("SAY")).type()).isEqualTo(Verbs.OK);
        assertThat(handled).hasValue(1);
    }
}

