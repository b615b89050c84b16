package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.accounts.AccountsServer.LONG;
import static parley.accounts.AccountsServer.figure;
import static parley.accounts.AccountsServer.login;
import static parley.accounts.AccountsTest.reason;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/**
 * Over real sockets: guessing a password many times. After the free failures each try must wait, and
 * while it waits a try is refused without computing a hash (the server's hash counter shows it); the
 * owner with the right password gets in once the wait is over, which clears the failures; other users
 * log in meanwhile; and an IP address that fails on many accounts waits too.
 */
class LoginLimitsTest {

    @TempDir
    Path data;

    @Test
    void guessingIsRefusedUnhashedAndOtherUsersLogInMeanwhile() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.free-failures", "3",
                "accounts.first-delay", "10m", "accounts.max-delay", "1h"))) {
            AccountsServer.register(server, "alice", "correct horse");
            AccountsServer.register(server, "bob", "bob's password");

            try (ParleyClient guesser = TestServer.client(server)) {
                assertThat(reason(guesser, login("alice", "guess 1")))
                        .isEqualTo("password wrong for 'alice' (2 more tries, then each try must wait longer)");
                assertThat(reason(guesser, login("alice", "guess 2"))).startsWith("password wrong for 'alice' (1 more");
                assertThat(reason(guesser, login("alice", "guess 3")))
                        .isEqualTo("password wrong for 'alice' (the next try must wait 600s)");
                long hashes = figure(server, "accounts_hashes_total");
                for (int i = 0; i < 200; i++) {
                    assertThat(reason(guesser, login("alice", "guess " + (i + 4))))
                            .matches("too many failed logins for alice: try again in \\d+s");
                }
                assertThat(reason(guesser, login("alice", "correct horse")))
                        .as("even the right password waits: a guesser cannot tell it")
                        .startsWith("too many failed logins for alice");
                assertThat(figure(server, "accounts_hashes_total")).as("no hash computed for the 201 refused tries")
                        .isEqualTo(hashes);
                assertThat(figure(server, "accounts_login_throttled_total")).isEqualTo(201);
                assertThat(figure(server, "accounts_login_failures_total")).isEqualTo(3);
            }

            // meanwhile, from the same address, another user logs in
            try (ParleyClient bob = AccountsServer.loggedIn(server, "bob", "bob's password")) {
                assertThat(bob.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void theRightPasswordWorksOnceTheWaitIsOverAndClearsTheFailures() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.free-failures", "3",
                "accounts.first-delay", "1s"))) {
            AccountsServer.register(server, "alice", "correct horse");
            try (ParleyClient guesser = TestServer.client(server)) {
                for (int i = 1; i <= 3; i++) {
                    assertThat(reason(guesser, login("alice", "guess " + i))).startsWith("password wrong for 'alice'");
                }
            }
            // the owner waits the delay out (tries while it runs are refused and do not count), then gets in
            try (ParleyClient alice = TestServer.client(server)) {
                await().atMost(LONG).pollInterval(Duration.ofMillis(200)).until(() -> {
                    Message reply = alice.call(login("alice", "correct horse"), LONG);
                    if (reply.type().equals("KO")) {
                        assertThat(reply.text("reason")).startsWith("too many failed logins for alice");
                        return false;
                    }
                    return reply.type().equals("DISPLAY_ROOM");
                });
            }
            // and her failures are cleared: three free ones again
            try (ParleyClient guesser = TestServer.client(server)) {
                assertThat(reason(guesser, login("alice", "guess again")))
                        .isEqualTo("password wrong for 'alice' (2 more tries, then each try must wait longer)");
            }
        }
    }

    @Test
    void anAddressThatFailsOnManyAccountsWaitsToo() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.free-failures", "100",
                "accounts.free-failures-per-ip", "3", "accounts.first-delay", "1m"))) {
            AccountsServer.register(server, "alice", "correct horse");
            AccountsServer.register(server, "bob", "bob's password");
            AccountsServer.register(server, "carol", "carol's password");
            try (ParleyClient guesser = TestServer.client(server)) {
                assertThat(reason(guesser, login("alice", "guess 1"))).startsWith("password wrong");
                assertThat(reason(guesser, login("bob", "guess 2"))).startsWith("password wrong");
                assertThat(reason(guesser, login("carol", "guess 3"))).startsWith("password wrong");
                assertThat(reason(guesser, login("alice", "correct horse")))
                        .matches("too many failed logins from 127\\.0\\.0\\.1: try again in \\d+s");
            }
            try (ParleyClient dave = TestServer.client(server)) {
                assertThat(dave.call(login("dave", null), LONG).type())
                        .as("an unregistered pseudo needs no password, so no wait").isEqualTo("DISPLAY_ROOM");
            }
        }
    }

    @Test
    void aWrongOldPasswordCountsAsAFailedLogin() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.free-failures", "2",
                "accounts.first-delay", "1m"))) {
            AccountsServer.register(server, "alice", "correct horse");
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "correct horse")) {
                Message change = AccountsTest.change("guess 1", "a new password");
                assertThat(reason(alice, change)).startsWith("old password wrong");
                assertThat(reason(alice, AccountsTest.change("guess 2", "a new password"))).startsWith("old password wrong");
                assertThat(reason(alice, AccountsTest.change("correct horse", "a new password")))
                        .startsWith("too many failed logins for alice: try again in ");
            }
        }
    }
}
