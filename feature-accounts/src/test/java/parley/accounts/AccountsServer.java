package parley.accounts;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.testkit.TestServer;

/**
 * A real server on a free loopback port with the plugins on the test module path (TCP, accounts), its
 * data in {@code dataDir}, hashing at a low cost ({@value #TEST_ITERATIONS} iterations) so that the tests
 * run fast; and the requests the tests send.
 */
final class AccountsServer {

    static final Duration LONG = Duration.ofSeconds(60);
    static final String TEST_ITERATIONS = "1000";

    private AccountsServer() {
    }

    static ParleyServer start(Path dataDir, Map<String, String> settings) throws IOException {
        Map<String, String> all = new HashMap<>(Map.of("data-dir", dataDir.toString(),
                "accounts.hash-iterations", TEST_ITERATIONS));
        all.putAll(settings);
        ParleyServer server = TestServer.start(all);
        if (!server.failures().isEmpty()) {
            server.close();
            throw new IllegalStateException("plugins failed: " + server.failures());
        }
        return server;
    }

    static Message login(String pseudo, String password) {
        Message login = Message.of("LOGIN").put("pseudo", pseudo);
        return password == null ? login : login.put("password", password);
    }

    /** Logs in first come as {@code pseudo}, registers it with {@code password}, and disconnects. */
    static void register(ParleyServer server, String pseudo, String password) throws IOException {
        try (ParleyClient client = TestServer.loggedIn(server, pseudo)) {
            client.expect(Message.of("REGISTER").put("password", password), "OK");
        }
    }

    /**
     * A client logged in with the password. The pseudo's previous connection may just have closed, and the
     * server frees a pseudo when it sees the close: until then LOGIN gets "taken", and is tried again.
     */
    static ParleyClient loggedIn(ParleyServer server, String pseudo, String password) throws IOException {
        ParleyClient client = TestServer.client(server);
        await().atMost(LONG).until(() -> {
            Message reply = client.call(login(pseudo, password), LONG);
            if (reply.type().equals("KO") && reply.text("reason").contains("is taken")) {
                return false;
            }
            if (!reply.type().equals("DISPLAY_ROOM")) {
                throw new AssertionError("LOGIN " + pseudo + " refused: " + reply);
            }
            return true;
        });
        return client;
    }

    /** A figure of STATS, as its line says it ({@code accounts_hashes_total=3}). */
    static long figure(ParleyServer server, String name) throws IOException {
        try (ParleyClient client = TestServer.client(server)) {
            return client.call(Message.of("STATS"), LONG).texts("lines").stream()
                    .filter(line -> line.startsWith(name + "="))
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(name.length() + 1)))
                    .findFirst().orElseThrow(() -> new AssertionError("no figure " + name));
        }
    }
}
