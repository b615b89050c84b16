package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Figure;
import parley.api.Message;
import parley.api.ServerContext;
import parley.api.plugin.Plugin;

class StatsTest {

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("counting")
            .feature(() -> Features.starting(context, c -> c.addFigures(() -> List.of(Figure.gauge("counting_things", 7, "things")))))
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    private static List<String> lines(Message stats) {
        return stats.texts("lines");
    }

    @Test
    void statsListsTheKernelsFiguresThenThePlugins() {
        kernel.login("alice");
        var probe = kernel.connect();

        Message stats = probe.call(Message.of("STATS"));

        assertThat(stats.type()).isEqualTo("STATS");
        assertThat(lines(stats)).contains("connections{protocol=memory/framed}=2", "sessions_logged_in=1", "counting_things=7");
        assertThat(lines(stats)).anyMatch(l -> l.startsWith("messages_in_total="))
                .anyMatch(l -> l.startsWith("messages_out_total="))
                .anyMatch(l -> l.startsWith("heap_used_bytes="))
                .anyMatch(l -> l.startsWith("uptime_seconds="));
        var first = stats.get("figures").get(0);
        assertThat(first.get("name").asString()).isEqualTo("connections");
        assertThat(first.get("labels").get("protocol").asString()).isEqualTo("memory/framed");
        assertThat(first.get("kind").asString()).isEqualTo("gauge");
    }

    @Test
    void messagesAreCountedBothWays() {
        var alice = kernel.login("alice");
        double in = value("messages_in_total");
        double out = value("messages_out_total");

        alice.call(Message.of("PING"));

        assertThat(value("messages_in_total")).isGreaterThanOrEqualTo(in + 1);
        assertThat(value("messages_out_total")).isGreaterThanOrEqualTo(out + 1);
    }

    @Test
    void messagesOutKeepWhatAClosedSessionWasSent() {
        var bob = kernel.login("bob");
        bob.call(Message.of("PING"));
        bob.call(Message.of("PING"));
        double withBob = value("messages_out_total");

        bob.hangUp();

        assertThat(bob.closeReason()).isNotNull();
        assertThat(value("sessions_logged_in")).isZero();
        assertThat(value("messages_out_total")).isEqualTo(withBob);
        var alice = kernel.login("alice");
        alice.call(Message.of("PING"));
        assertThat(value("messages_out_total")).isGreaterThanOrEqualTo(withBob + 2); // her LOGIN answer and her PONG
    }

    @Test
    void aFailingSourceIsLeftOutAndTheRestIsGiven() {
        context.get().addFigures(() -> {
            throw new IllegalStateException("broken on purpose");
        });

        List<Figure> figures = context.get().figures();

        assertThat(figures).extracting(Figure::name).contains("connections", "counting_things");
    }

    @Test
    void aFigureNamesItsBadName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Figure.gauge("Rooms-Members", 1, ""))
                .hasMessageContaining("bad figure name 'Rooms-Members'");
        assertThat(Figure.gauge("rooms", 2.5, "").with("kind", "public").text()).isEqualTo("rooms{kind=public}=2.5");
    }

    private double value(String name) {
        return context.get().figures().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().value();
    }
}
