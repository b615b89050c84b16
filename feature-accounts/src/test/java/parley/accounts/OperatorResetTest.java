package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.accounts.AccountsServer.LONG;
import static parley.accounts.AccountsServer.login;
import static parley.accounts.AccountsTest.change;
import static parley.accounts.AccountsTest.reason;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/**
 * Over real sockets: a server operator (the kernel's {@code operators} setting, logged in with its
 * password) gives an account a temporary password; the user logs in with it, may do nothing but choose
 * its own, then goes on. Nobody else can reset.
 */
class OperatorResetTest {

    @TempDir
    Path data;

    private ParleyServer start() throws Exception {
        ParleyServer server = AccountsServer.start(data, Map.of("operators", "root"));
        AccountsServer.register(server, "root", "root's password");
        AccountsServer.register(server, "alice", "correct horse");
        return server;
    }

    @Test
    void anOperatorResetsAndTheUserMustChooseItsOwnPassword() throws Exception {
        try (ParleyServer server = start()) {
            String temporary;
            // Logback's modules are on the test module path, but this module does not read them: read them
            for (String module : List.of("ch.qos.logback.classic", "ch.qos.logback.core")) {
                OperatorResetTest.class.getModule().addReads(ModuleLayer.boot().findModule(module).orElseThrow());
            }
            ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger)
                    org.slf4j.LoggerFactory.getLogger(ResetPasswordCommand.class);
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                    new ch.qos.logback.core.read.ListAppender<>();
            logged.start();
            log.addAppender(logged);
            try (ParleyClient root = AccountsServer.loggedIn(server, "root", "root's password")) {
                assertThat(reason(root, Message.of("RESET_PASSWORD").put("pseudo", "nobody")))
                        .isEqualTo("'nobody' is not registered: there is no password to reset");
                assertThat(reason(root, Message.of("RESET_PASSWORD").put("pseudo", "alice").put("password", "mine")))
                        .startsWith("RESET_PASSWORD takes only the pseudo");
                Message reset = root.call(Message.of("RESET_PASSWORD").put("pseudo", "alice"), LONG);
                assertThat(reset.type()).isEqualTo("RESET_PASSWORD");
                assertThat(reset.text("pseudo")).isEqualTo("alice");
                assertThat(reset.text("expires")).isNotBlank();
                temporary = reset.text("password");
                assertThat(temporary).matches("[A-Za-z0-9]{16}");
            } finally {
                log.detachAppender(logged);
            }
            assertThat(logged.list).as("the operator's action is logged, without the password")
                    .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                            .startsWith("operator root (session ").contains("reset the password of alice")
                            .doesNotContain(temporary));
            try (ParleyClient client = TestServer.client(server)) {
                assertThat(reason(client, login("alice", "correct horse"))).startsWith("password wrong for 'alice'");
            }
            try (ParleyClient alice = TestServer.client(server)) {
                Message answer = alice.call(login("alice", temporary), LONG);
                assertThat(answer.type()).isEqualTo("DISPLAY_ROOM");
                assertThat(answer.text("account")).isEqualTo("temporary");
                assertThat(reason(alice, Message.of("REGISTER").put("password", "whatever it is")))
                        .startsWith("your password was reset by an operator: choose your own first with PASSWORD");
                assertThat(alice.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
                alice.expect(change(temporary, "alice's own again"), "OK");
                assertThat(reason(alice, Message.of("REGISTER").put("password", "whatever it is")))
                        .as("the filter lets her through once she chose her own")
                        .isEqualTo("'alice' is registered already: change its password with PASSWORD");
            }
            try (ParleyClient client = TestServer.client(server)) {
                assertThat(reason(client, login("alice", temporary))).as("the temporary password is gone")
                        .startsWith("password wrong for 'alice'");
            }
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "alice's own again")) {
                assertThat(alice.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void theLegacyFormAnswersTheTemporaryPasswordOnItsLine() throws Exception {
        try (ParleyServer server = start();
             LegacyClient root = TestServer.legacy(server)) {
            assertThat(root.ask("LOGIN \"root\" \"root's password\"")).isEqualTo("DISPLAY_ROOM");
            String line = root.ask("RESET_PASSWORD \"alice\"");
            Matcher m = Pattern.compile("RESET_PASSWORD \"alice\" \"([A-Za-z0-9]{16})\"").matcher(line);
            assertThat(m.matches()).as(line).isTrue();
            try (ParleyClient alice = TestServer.client(server)) {
                assertThat(alice.call(login("alice", m.group(1)), LONG).text("account")).isEqualTo("temporary");
            }
        }
    }

    @Test
    void nobodyElseMayReset() throws Exception {
        try (ParleyServer server = start();
             ParleyClient alice = AccountsServer.loggedIn(server, "alice", "correct horse")) {
            assertThat(reason(alice, Message.of("RESET_PASSWORD").put("pseudo", "root")))
                    .startsWith("RESET_PASSWORD is for server operators");
        }
        // an operator's pseudo taken first come is not an operator: the operators setting needs the password
        try (ParleyServer server = AccountsServer.start(data.resolve("other"), Map.of("operators", "root"));
             ParleyClient root = TestServer.loggedIn(server, "root")) {
            AccountsServer.register(server, "alice", "correct horse");
            assertThat(reason(root, Message.of("RESET_PASSWORD").put("pseudo", "alice")))
                    .startsWith("RESET_PASSWORD is for server operators");
        }
    }

    @Test
    void aTemporaryPasswordExpires() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("operators", "root", "accounts.temporary-for", "0"))) {
            AccountsServer.register(server, "root", "root's password");
            AccountsServer.register(server, "alice", "correct horse");
            String temporary;
            try (ParleyClient root = AccountsServer.loggedIn(server, "root", "root's password")) {
                temporary = root.call(Message.of("RESET_PASSWORD").put("pseudo", "alice"), LONG).text("password");
            }
            try (ParleyClient alice = TestServer.client(server)) {
                assertThat(reason(alice, login("alice", temporary))).isEqualTo("password expired: the temporary"
                        + " password of 'alice' is too old; ask a server operator for another RESET_PASSWORD");
            }
        }
    }
}
