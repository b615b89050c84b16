package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.client.RecordingShell;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/** The client's /register, /password and /reset-password, driven through a shell against a real server. */
class AccountsClientTest {

    @TempDir
    Path data;

    @Test
    void registerAndChangeThePasswordAskedWithoutEcho() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("operators", "alice"));
             ParleyClient client = TestServer.client(server)) {
            client.login("alice");
            RecordingShell shell = new RecordingShell(client, Config.of(Map.of()), List.of(new AccountsClient()));

            shell.run("/register");
            assertThat(shell.lines()).last().asString().startsWith("! this client cannot ask for a password here");

            shell.answerSecrets("correct horse", "correct hoarse");
            shell.run("/register");
            assertThat(shell.lines()).last().isEqualTo("! the two passwords differ: nothing changed");

            shell.answerSecrets("short", "short");
            shell.run("/register");
            assertThat(shell.lines()).last().asString().startsWith("! password too short");

            shell.answerSecrets("correct horse", "correct horse");
            shell.run("/register");
            assertThat(shell.lines()).last().isEqualTo("registered 'alice': from now on, log in with this password");

            shell.answerSecrets("correct horse", "new horse battery", "new horse battery");
            shell.run("/password");
            assertThat(shell.lines()).last().isEqualTo("password changed");

            shell.run("/password new-horse-battery only-one-word");
            assertThat(shell.lines()).last().asString().startsWith("! old password wrong");

            shell.run("/reset-password alice");
            assertThat(shell.lines()).last().asString()
                    .as("alice is in the operators setting but took her pseudo first come: not an operator")
                    .startsWith("! RESET_PASSWORD is for server operators");
        }
    }

    @Test
    void anOperatorsResetPrintsTheTemporaryPassword() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("operators", "root"))) {
            AccountsServer.register(server, "root", "root's password");
            AccountsServer.register(server, "alice", "correct horse");
            try (ParleyClient root = TestServer.client(server)) {
                org.awaitility.Awaitility.await().atMost(AccountsServer.LONG).ignoreExceptions()
                        .until(() -> root.login("root", "root's password") != null);
                RecordingShell shell = new RecordingShell(root, Config.of(Map.of()), List.of(new AccountsClient()));
                shell.run("/reset-password alice");
                assertThat(shell.lines()).last().asString().matches("temporary password of alice: [A-Za-z0-9]{16} \\(until .*");
            }
        }
    }
}
