package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static parley.accounts.AccountsServer.LONG;
import static parley.accounts.AccountsServer.login;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/**
 * Over real sockets: REGISTER, then LOGIN of that pseudo needs its password, in both forms; the refusals
 * of REGISTER; accounts.required; PASSWORD; and a real restart that keeps the accounts.
 */
class AccountsTest {

    @TempDir
    Path data;

    @Test
    void afterRegisterLoginNeedsThePasswordInBothForms() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of())) {
            AccountsServer.register(server, "alice", "correct horse");

            try (ParleyClient client = TestServer.client(server)) {
                Message none = client.call(login("alice", null), LONG);
                assertThat(none.type()).isEqualTo("KO");
                assertThat(none.text("reason")).isEqualTo(
                        "password needed: 'alice' is registered; log in with LOGIN \"alice\" \"<password>\"");
                Message wrong = client.call(login("alice", "battery staple"), LONG);
                assertThat(wrong.type()).isEqualTo("KO");
                assertThat(wrong.text("reason")).startsWith("password wrong for 'alice'");
                Message lookAlike = client.call(login("ＡＬＩＣＥ", null), LONG);
                assertThat(lookAlike.text("reason")).as("another spelling of the same pseudo is the same account")
                        .startsWith("password needed: 'alice' is registered");
            }
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "correct horse")) {
                assertThat(alice.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            }

            try (LegacyClient legacy = TestServer.legacy(server)) {
                assertThat(legacy.ask("LOGIN \"alice\""))
                        .isEqualTo("KO \"password needed: 'alice' is registered; log in with LOGIN \\\"alice\\\" \\\"<password>\\\"\"");
                assertThat(legacy.ask("LOGIN \"alice\" \"battery staple\"")).startsWith("KO \"password wrong for 'alice'");
                String answer = legacy.ask("LOGIN \"alice\" \"correct horse\"");
                for (int i = 0; answer.contains("is taken") && i < 100; i++) {
                    answer = legacy.ask("LOGIN \"alice\" \"correct horse\""); // the framed alice's close not yet seen
                }
                assertThat(answer).isEqualTo("DISPLAY_ROOM");
            }
        }
    }

    @Test
    void anUnregisteredPseudoStillLogsInFirstComeAndAPasswordIsIgnored() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of());
             ParleyClient bob = TestServer.client(server);
             ParleyClient carol = TestServer.client(server)) {
            assertThat(bob.call(login("bob", null), LONG).type()).isEqualTo("DISPLAY_ROOM");
            assertThat(carol.call(login("carol", "whatever it is"), LONG).type()).isEqualTo("DISPLAY_ROOM");
        }
    }

    @Test
    void registerRefusesWeakLongTakenAndNotLoggedIn() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of());
             ParleyClient alice = TestServer.loggedIn(server, "alice");
             ParleyClient stranger = TestServer.client(server);
             LegacyClient legacy = TestServer.legacy(server)) {
            assertThat(reason(alice, Message.of("REGISTER").put("password", "short")))
                    .isEqualTo("password too short: use at least 8 characters (a few words make a good one)");
            assertThat(reason(alice, Message.of("REGISTER").put("password", "x".repeat(1025))))
                    .isEqualTo("password too long: at most 1024 bytes");
            assertThat(reason(alice, Message.of("REGISTER").put("password", "password123")))
                    .isEqualTo("password too weak: it is one of the most common passwords");
            assertThat(reason(alice, Message.of("REGISTER").put("password", "Alice")))
                    .startsWith("password too short");
            assertThat(reason(alice, Message.of("REGISTER").put("password", "aaaaaaaaaa")))
                    .isEqualTo("password too weak: one character repeated");
            assertThat(reason(stranger, Message.of("REGISTER").put("password", "correct horse")))
                    .startsWith("not logged in");
            Message missing = alice.call(Message.of("REGISTER"), LONG);
            assertThat(missing.type()).isEqualTo("ERROR");
            assertThat(missing.text("reason")).contains("\"password\"");

            alice.expect(Message.of("REGISTER").put("password", "correct horse"), "OK");
            assertThat(reason(alice, Message.of("REGISTER").put("password", "another horse")))
                    .isEqualTo("'alice' is registered already: change its password with PASSWORD");

            assertThat(legacy.ask("REGISTER \"correct horse\"")).startsWith("KO \"not logged in");
            assertThat(legacy.ask("LOGIN \"dave\"")).isEqualTo("DISPLAY_ROOM");
            assertThat(legacy.ask("REGISTER \"tiny\"")).startsWith("KO \"password too short");
            assertThat(legacy.ask("REGISTER \"dave's long password\"")).isEqualTo("OK");
        }
    }

    @Test
    void whenAccountsAreRequiredLoginWithAPasswordCreatesTheAccount() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.required", "true"))) {
            try (ParleyClient bob = TestServer.client(server);
                 LegacyClient legacy = TestServer.legacy(server)) {
                assertThat(reason(bob, login("bob", null))).isEqualTo("password needed: this server requires an account;"
                        + " LOGIN \"bob\" \"<password>\" creates the account 'bob' (a password of at least 8 characters)");
                assertThat(reason(bob, login("bob", "short"))).startsWith("password too short");
                Message created = bob.call(login("bob", "bob's good password"), LONG);
                assertThat(created.type()).isEqualTo("DISPLAY_ROOM");
                assertThat(created.text("account")).isEqualTo("created");
                assertThat(created.text("notice")).contains("account 'bob' created");

                assertThat(legacy.ask("LOGIN \"erin\"")).startsWith("KO \"password needed: this server requires an account");
                // the notice is in the framed answer; a legacy line has the fields DISPLAY_ROOM's shape gives it
                assertThat(legacy.ask("LOGIN \"erin\" \"erin's good password\"")).startsWith("DISPLAY_ROOM");
            }
            try (ParleyClient again = TestServer.client(server)) {
                assertThat(reason(again, login("bob", "not bob's password"))).startsWith("password wrong for 'bob'");
            }
            try (ParleyClient bob = AccountsServer.loggedIn(server, "bob", "bob's good password")) {
                assertThat(bob.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void passwordChangesItOnlyWithTheOldOne() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of())) {
            AccountsServer.register(server, "alice", "correct horse");
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "correct horse");
                 ParleyClient bob = TestServer.loggedIn(server, "bob")) {
                assertThat(reason(alice, change("not it at all", "new horse battery")))
                        .isEqualTo("old password wrong for 'alice': give the password you log in with");
                assertThat(reason(alice, change("correct horse", "tiny"))).startsWith("password too short");
                alice.expect(change("correct horse", "new horse battery"), "OK");
                assertThat(reason(bob, change("anything long", "something longer")))
                        .isEqualTo("'bob' is not registered: register it with REGISTER");
            }
            try (ParleyClient client = TestServer.client(server)) {
                assertThat(reason(client, login("alice", "correct horse"))).startsWith("password wrong");
            }
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "new horse battery");
                 LegacyClient legacy = TestServer.legacy(server)) {
                alice.close();
                String answer = legacy.ask("LOGIN \"alice\" \"new horse battery\"");
                for (int i = 0; answer.contains("is taken") && i < 100; i++) {
                    answer = legacy.ask("LOGIN \"alice\" \"new horse battery\"");
                }
                assertThat(answer).isEqualTo("DISPLAY_ROOM");
                assertThat(legacy.ask("PASSWORD \"wrong one\" \"legacy horse\"")).startsWith("KO \"old password wrong");
                assertThat(legacy.ask("PASSWORD \"new horse battery\" \"legacy horse\"")).isEqualTo("OK");
            }
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "legacy horse")) {
                assertThat(alice.isOpen()).isTrue();
            }
        }
    }

    @Test
    void theSessionThatRegisteredMayChangeThePasswordRightAway() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of());
             ParleyClient alice = TestServer.loggedIn(server, "alice")) {
            alice.expect(Message.of("REGISTER").put("password", "correct horse"), "OK");
            alice.expect(change("correct horse", "new horse battery"), "OK");
        }
    }

    @Test
    void accountsSurviveARealRestart() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of())) {
            AccountsServer.register(server, "alice", "correct horse");
        }
        assertThat(data.resolve("accounts").resolve("accounts.mv.db")).exists();
        try (ParleyServer server = AccountsServer.start(data, Map.of());
             ParleyClient client = TestServer.client(server)) {
            assertThat(reason(client, login("alice", null))).startsWith("password needed: 'alice' is registered");
            assertThat(client.call(login("alice", "correct horse"), LONG).type()).isEqualTo("DISPLAY_ROOM");
        }
    }

    static Message change(String old, String password) {
        return Message.of("PASSWORD").put("old", old).put("password", password);
    }

    /** The KO reason of the answer; fails if the answer is not KO. */
    static String reason(ParleyClient client, Message request) {
        Message reply = client.call(request, LONG);
        assertThat(reply.type()).as("answer to %s: %s", request, reply).isEqualTo("KO");
        return reply.text("reason");
    }
}
