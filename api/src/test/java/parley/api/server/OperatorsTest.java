package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Authenticator.Decision;
import parley.api.Config;
import parley.api.Message;
import parley.api.ServerContext;
import parley.api.Verbs;
import parley.api.plugin.Plugin;

/** Operators are the pseudos of the {@code operators} setting whose LOGIN an authenticator accepted. */
class OperatorsTest {

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    private final KernelFixture kernel = KernelFixture.start(Config.of(Map.of("operators", " alice , carol")),
            Plugin.builder("auth").feature(() -> Features.starting(context, c -> { })).build());

    @AfterEach
    void stop() {
        kernel.close();
    }

    private void passwordsAreSecret() {
        context.get().addAuthenticator((session, pseudo, login) -> login.has("password")
                ? (login.text("password").equals("secret") ? Decision.accept() : Decision.refuse("wrong password"))
                : Decision.pass());
    }

    private static Message login(String pseudo) {
        return Message.of(Verbs.LOGIN).put("pseudo", pseudo);
    }

    @Test
    void anOperatorsPseudoTakenFirstComeIsNeitherAuthenticatedNorOperator() {
        passwordsAreSecret();
        var client = kernel.connect();

        assertThat(client.call(login("alice")).type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(client.session().authenticated()).isFalse();
        assertThat(client.session().operator()).isFalse();
    }

    @Test
    void anAcceptedLoginIsAuthenticatedAndAnOperatorOnlyWhenListed() {
        passwordsAreSecret();
        var alice = kernel.connect();
        var bob = kernel.connect();

        assertThat(alice.call(login("ALICE").put("password", "secret")).type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(bob.call(login("bob").put("password", "secret")).type()).isEqualTo(Verbs.DISPLAY_ROOM);

        assertThat(alice.session().authenticated()).isTrue();
        assertThat(alice.session().operator()).isTrue();
        assertThat(bob.session().authenticated()).isTrue();
        assertThat(bob.session().operator()).isFalse();
    }

    @Test
    void theListIsReadTrimmedAndByNormalForm() {
        Operators operators = Operators.parse(" alice , ,carol");

        assertThat(operators.contains("Alice")).isTrue();
        assertThat(operators.contains("carol")).isTrue();
        assertThat(operators.contains("bob")).isFalse();
        assertThat(Operators.parse("").keys()).isEmpty();
    }
}
