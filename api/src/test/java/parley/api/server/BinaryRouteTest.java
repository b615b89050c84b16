package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.BadRequestException;
import parley.api.Message;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.plugin.Plugin;

class BinaryRouteTest {

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("uploads")
            .feature(() -> Features.starting(context, c -> { }))
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    @Test
    void binaryFramesGoToTheSinkRoutedForTheirTag() {
        var alice = kernel.login("alice");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        context.get().routeBinary(alice.session(), "up-1", data -> {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            received.writeBytes(bytes);
        });

        alice.sendBinary("up-1", new byte[] {1, 2});
        alice.sendBinary("up-1", new byte[] {3});

        assertThat(received.toByteArray()).containsExactly(1, 2, 3);
        assertThat(alice.drain()).isEmpty();
    }

    @Test
    void aFrameWithNoRouteGetsError() {
        var alice = kernel.login("alice");

        alice.sendBinary("nowhere", new byte[] {1});

        Message answer = alice.next();
        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).startsWith("no open binary stream 'nowhere'");
    }

    @Test
    void aTagCanBeRoutedOnlyOnce() {
        var alice = kernel.login("alice");
        context.get().routeBinary(alice.session(), "up-1", data -> { });

        assertThatThrownBy(() -> context.get().routeBinary(alice.session(), "up-1", data -> { }))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSinkThatRefusesGetsErrorAndStaysRouted() {
        var alice = kernel.login("alice");
        context.get().routeBinary(alice.session(), "up-1", data -> {
            throw new BadRequestException("chunk too big");
        });

        alice.sendBinary("up-1", new byte[] {1});
        alice.sendBinary("up-1", new byte[] {1});

        assertThat(alice.next().text("reason")).isEqualTo("chunk too big");
        assertThat(alice.next().text("reason")).isEqualTo("chunk too big");
    }

    @Test
    void aSinkThatThrowsIsUnroutedWithError() {
        var alice = kernel.login("alice");
        context.get().routeBinary(alice.session(), "up-1", data -> {
            throw new IllegalStateException("disk full");
        });

        alice.sendBinary("up-1", new byte[] {1});
        alice.sendBinary("up-1", new byte[] {1});

        assertThat(alice.next().text("reason")).startsWith("internal error in binary stream 'up-1'");
        assertThat(alice.next().text("reason")).startsWith("no open binary stream 'up-1'");
    }

    @Test
    void unloadRemovesThePluginsRoutes() {
        var alice = kernel.login("alice");
        context.get().routeBinary(alice.session(), "up-1", data -> { });

        kernel.server.unload("uploads");

        alice.sendBinary("up-1", new byte[] {1});
        assertThat(alice.next().text("reason")).startsWith("no open binary stream 'up-1'");
    }
}
