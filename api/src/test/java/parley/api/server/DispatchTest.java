package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.BadRequestException;
import parley.api.Message;
import parley.api.Verbs;
import parley.api.plugin.Plugin;

class DispatchTest {

    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("echo")
            .command(() -> Commands.of("ECHO", r -> r.reply(Message.of("ECHOED").put("text", r.require("text")))))
            .command(() -> Commands.of("REFUSE", r -> {
                throw new BadRequestException("text is too long");
            }))
            .command(() -> Commands.of("CRASH", r -> {
                throw new IllegalStateException("boom");
            }))
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    @Test
    void unknownVerbGetsErrorListingTheVerbsWithTheRequestsSeq() {
        var client = kernel.login("alice");

        Message answer = client.call(Message.of("NOPE").put(Message.SEQ, 7));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.seq().intValue()).isEqualTo(7);
        assertThat(answer.text("reason")).contains("unknown type 'NOPE'").contains("ECHO, HELP, LOGIN");
    }

    @Test
    void badSeqGetsError() {
        var client = kernel.login("alice");

        Message answer = client.call(Message.of("ECHO").put("text", "hi").put(Message.SEQ, ""));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).startsWith("seq must be");
    }

    @Test
    void aCommandIsAnsweredWithItsSeq() {
        var client = kernel.login("alice");

        Message answer = client.call(Message.of("ECHO").put("text", "hi").put(Message.SEQ, "a1"));

        assertThat(answer.type()).isEqualTo("ECHOED");
        assertThat(answer.text("text")).isEqualTo("hi");
        assertThat(answer.seq().stringValue()).isEqualTo("a1");
    }

    @Test
    void badRequestExceptionGetsErrorWithItsMessage() {
        var client = kernel.login("alice");

        Message answer = client.call(Message.of("REFUSE"));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).isEqualTo("text is too long");
    }

    @Test
    void aMissingFieldGetsError() {
        var client = kernel.login("alice");

        Message answer = client.call(Message.of("ECHO"));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.text("reason")).contains("text");
    }

    @Test
    void aCrashingCommandGetsInternalErrorNamingThePluginAndTheSessionStaysUsable() {
        var client = kernel.login("alice");

        Message answer = client.call(Message.of("CRASH").put(Message.SEQ, 3));

        assertThat(answer.type()).isEqualTo(Verbs.ERROR);
        assertThat(answer.seq().intValue()).isEqualTo(3);
        assertThat(answer.text("reason")).startsWith("internal error").contains("(plugin echo)");
        assertThat(client.isOpen()).isTrue();
        assertThat(client.call(Message.of("ECHO").put("text", "still here")).text("text")).isEqualTo("still here");
    }

    @Test
    void aCommandThatRequiresLoginIsRefusedBeforeLogin() {
        var client = kernel.connect();

        Message answer = client.call(Message.of("ECHO").put("text", "hi"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).startsWith("not logged in");
    }

    @Test
    void pingIsAnsweredBeforeLogin() {
        var client = kernel.connect();

        assertThat(client.call(Message.of(Verbs.PING).put(Message.SEQ, 1)).type()).isEqualTo(Verbs.PONG);
    }

    @Test
    void malformedInputGetsErrorAndTheSessionStaysOpen() {
        var client = kernel.login("alice");

        client.sendMalformed("payload is not valid JSON", false);

        assertThat(client.next().text("reason")).isEqualTo("payload is not valid JSON");
        assertThat(client.isOpen()).isTrue();
        assertThat(client.call(Message.of(Verbs.PING)).type()).isEqualTo(Verbs.PONG);
    }

    @Test
    void fatallyMalformedInputGetsErrorAndClosesTheConnection() {
        var client = kernel.login("alice");

        client.sendMalformed("frame too large", true);

        assertThat(client.next().text("reason")).isEqualTo("frame too large");
        assertThat(client.isOpen()).isFalse();
        assertThat(kernel.server.context().sessions().byPseudo("alice")).isEmpty();
    }
}
