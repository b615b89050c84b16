package parley.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static parley.accounts.AccountsServer.LONG;
import static parley.accounts.AccountsServer.figure;
import static parley.accounts.AccountsServer.login;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.Names;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/**
 * The hashes: the real default cost works end to end; more checks at once than the hash threads and
 * their queue hold get KO "server busy" while other clients are still answered; and a hash made at a
 * lower cost is redone at the current one at the next login.
 */
class HashingTest {

    @TempDir
    Path data;

    @Test
    void theDefaultCostIsOwaspsAndHashesAreSaltedAndChecked() {
        assertThat(AccountsSettings.HASH_ITERATIONS.defaultValue()).isEqualTo(600_000);
        PasswordHash one = PasswordHash.of("correct horse", 1000);
        PasswordHash two = PasswordHash.of("correct horse", 1000);
        assertThat(one.algorithm()).isEqualTo("pbkdf2-sha256");
        assertThat(one.salt()).hasSize(16).isNotEqualTo(two.salt());
        assertThat(one.hash()).hasSize(32).isNotEqualTo(two.hash());
        assertThat(one.matches("correct horse")).isTrue();
        assertThat(one.matches("correct horsE")).isFalse();
        assertThat(one.weakerThan(600_000)).isTrue();
        assertThat(one.weakerThan(1000)).isFalse();
    }

    @Test
    void atTheRealCostTooManyChecksAtOnceGetServerBusyAndOthersAreStillAnswered() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.hash-iterations", "600000",
                "accounts.hash-threads", "1", "accounts.hash-queue", "1", "accounts.free-failures", "1000"))) {
            AccountsServer.register(server, "alice", "correct horse");
            List<ParleyClient> guessers = new ArrayList<>();
            try (ParleyClient bystander = TestServer.loggedIn(server, "bob")) {
                for (int i = 0; i < 8; i++) {
                    guessers.add(TestServer.client(server));
                }
                List<CompletableFuture<Message>> answers = new ArrayList<>();
                for (ParleyClient guesser : guessers) {
                    answers.add(guesser.request(login("alice", "guess " + answers.size())));
                }
                assertThat(bystander.call(Message.of("PING"), LONG).type()).as("answered while hashes run").isEqualTo("PONG");
                int busy = 0;
                for (CompletableFuture<Message> answer : answers) {
                    Message reply = answer.get();
                    assertThat(reply.type()).isEqualTo("KO");
                    if (reply.text("reason").startsWith("server busy")) {
                        busy++;
                    } else {
                        assertThat(reply.text("reason")).startsWith("password wrong for 'alice'");
                    }
                }
                assertThat(busy).as("8 checks at once for 1 thread and a queue of 1").isGreaterThanOrEqualTo(1);
                assertThat(figure(server, "accounts_hash_busy_total")).isEqualTo(busy);
            } finally {
                guessers.forEach(ParleyClient::close);
            }
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "correct horse")) {
                assertThat(alice.call(Message.of("PING"), LONG).type()).isEqualTo("PONG");
            }
        }
    }

    @Test
    void aCheaperHashIsRedoneAtTheCurrentCostAtTheNextLogin() throws Exception {
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.hash-iterations", "1000"))) {
            AccountsServer.register(server, "alice", "correct horse");
        }
        try (ParleyServer server = AccountsServer.start(data, Map.of("accounts.hash-iterations", "2000"));
             AccountStore store = AccountStore.open(data)) {
            assertThat(store.find(Names.key("alice")).orElseThrow().password().iterations()).isEqualTo(1000);
            try (ParleyClient alice = AccountsServer.loggedIn(server, "alice", "correct horse")) {
                await().atMost(LONG).until(() -> store.find(Names.key("alice")).orElseThrow().password().iterations() == 2000);
            }
        }
        try (ParleyServer server = AccountsServer.start(data, Map.of());
             ParleyClient client = TestServer.client(server)) {
            assertThat(client.call(login("alice", "correct horse"), LONG).type()).isEqualTo("DISPLAY_ROOM");
        }
    }
}
