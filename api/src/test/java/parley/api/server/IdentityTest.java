package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Authenticator.Decision;
import parley.api.Message;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.plugin.Plugin;

class IdentityTest {

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final KernelFixture kernel = KernelFixture.start(Plugin.builder("auth")
            .feature(() -> Features.starting(context, c -> { }))
            .build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    private static Message login(String pseudo) {
        return Message.of(Verbs.LOGIN).put("pseudo", pseudo);
    }

    @Test
    void aWellFormedFreePseudoIsAcceptedWithDisplayRoom() {
        var client = kernel.connect();

        assertThat(client.call(login("alice")).type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(client.session().pseudo()).isEqualTo("alice");
    }

    @Test
    void aBadPseudoIsRefused() {
        var client = kernel.connect();

        Message answer = client.call(login("not a pseudo!"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).startsWith("invalid pseudo");
        assertThat(client.session().pseudo()).isNull();
    }

    @Test
    void aTakenPseudoIsRefusedWhateverItsCase() {
        kernel.login("Alice");
        var second = kernel.connect();

        Message answer = second.call(login("aLICE"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).contains("is taken");
    }

    @Test
    void aSecondLoginOnTheSameConnectionIsRefused() {
        var client = kernel.login("alice");

        Message answer = client.call(login("bob"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).startsWith("already logged in as alice");
    }

    @Test
    void thePseudoIsFreeAgainWhenTheSessionCloses() {
        var first = kernel.login("alice");

        first.hangUp();

        assertThat(kernel.connect().call(login("alice")).type()).isEqualTo(Verbs.DISPLAY_ROOM);
    }

    @Test
    void anAuthenticatorThatRefusesGetsKoWithItsReason() {
        context.get().addAuthenticator((session, pseudo, message) -> Decision.refuse("alice is banned"));
        var client = kernel.connect();

        Message answer = client.call(login("alice"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).isEqualTo("alice is banned");
        assertThat(kernel.server.context().sessions().byPseudo("alice")).isEmpty();
    }

    @Test
    void anAuthenticatorThatAcceptsIsTheLastAsked() {
        List<String> asked = new CopyOnWriteArrayList<>();
        context.get().addAuthenticator((session, pseudo, message) -> {
            asked.add("first");
            return Decision.pass();
        });
        context.get().addAuthenticator((session, pseudo, message) -> {
            asked.add("second");
            return message.has("password") ? Decision.accept() : Decision.refuse("password needed");
        });
        context.get().addAuthenticator((session, pseudo, message) -> {
            asked.add("third");
            return Decision.refuse("never asked");
        });

        Message answer = kernel.connect().call(login("alice").put("password", "secret"));

        assertThat(answer.type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(asked).containsExactly("first", "second");
    }

    @Test
    void whenEveryAuthenticatorPassesTheLoginIsAccepted() {
        context.get().addAuthenticator((session, pseudo, message) -> Decision.pass());

        assertThat(kernel.connect().call(login("alice")).type()).isEqualTo(Verbs.DISPLAY_ROOM);
    }

    @Test
    void anAuthenticatorThatThrowsFailsClosed() {
        context.get().addAuthenticator((session, pseudo, message) -> {
            throw new IllegalStateException("database down");
        });
        var client = kernel.connect();

        Message answer = client.call(login("alice"));

        assertThat(answer.type()).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).startsWith("internal error checking your login (plugin auth)");
        assertThat(client.session().pseudo()).isNull();
    }

    @Test
    void loginListenersFillTheAnswerInTheOrderAdded() {
        context.get().onLogin((session, answer) -> answer.put("rooms", List.of("lobby")).put("by", "first"));
        context.get().onLogin((session, answer) -> answer.put("by", answer.text("by") + ",second")
                .put("pseudo", session.pseudo()));

        Message answer = kernel.connect().call(login("alice"));

        assertThat(answer.type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(answer.texts("rooms")).containsExactly("lobby");
        assertThat(answer.text("by")).isEqualTo("first,second");
        assertThat(answer.text("pseudo")).isEqualTo("alice");
    }

    @Test
    void aLoginListenerThatThrowsDoesNotStopTheLoginNorTheOthers() {
        context.get().onLogin((session, answer) -> {
            throw new IllegalStateException("broken listener");
        });
        context.get().onLogin((session, answer) -> answer.put("rooms", List.of("lobby")));

        Message answer = kernel.connect().call(login("alice"));

        assertThat(answer.type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(answer.texts("rooms")).containsExactly("lobby");
    }
}
