package parley.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import parley.api.Authenticator.Decision;
import parley.api.Message;
import parley.api.Verbs;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.server.ParleyServer;
import parley.api.spi.ServerFeature;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/**
 * A real server on loopback with the rooms, the moderation and the files from the module path, its data
 * in a test's folder, {@code operators=alice,carol}, and a tiny password plugin of the test's own (every
 * pseudo's password is {@value #PASSWORD}; a LOGIN without a password is taken first come, as without
 * accounts); and the clients the tests need.
 */
final class ModServer {

    static final String PASSWORD = "secret";
    static final Duration WAIT = Duration.ofSeconds(20);
    /** Another loopback address: Linux routes all of 127.0.0.0/8 to the loopback. */
    static final String OTHER_ADDRESS = "127.0.0.2";

    private ModServer() {
    }

    static ParleyServer start(Path dataDir) throws IOException {
        return start(dataDir, Map.of());
    }

    static ParleyServer start(Path dataDir, Map<String, String> extra) throws IOException {
        Map<String, String> settings = new HashMap<>(Map.of("data-dir", dataDir.toString(), "operators", "alice,carol",
                "rooms", "room1,room2", "ip-limit-exempt", "127.0.0.1,::1," + OTHER_ADDRESS));
        settings.putAll(extra);
        ParleyServer server = TestServer.start(settings, passwords());
        if (!server.failures().isEmpty()) {
            server.close();
            throw new IllegalStateException("plugins failed: " + server.failures());
        }
        return server;
    }

    /** The test's password plugin: the right password is accepted (authenticated), a wrong one refused. */
    private static Plugin passwords() {
        ServerFeature feature = context -> context.addAuthenticator((session, pseudo, login) -> !login.has("password")
                ? Decision.pass()
                : PASSWORD.equals(login.text("password")) ? Decision.accept() : Decision.refuse("wrong password"));
        return Plugin.builder("test-passwords").feature(() -> feature).build();
    }

    /** A client logged in with the password: authenticated, so an operator if listed. */
    static ParleyClient authenticated(ParleyServer server, String pseudo) throws IOException {
        ParleyClient client = TestServer.client(server);
        Message answer = client.call(Message.of(Verbs.LOGIN).put("pseudo", pseudo).put("password", PASSWORD), WAIT);
        assertThat(answer.type()).as("LOGIN %s: %s", pseudo, answer).isEqualTo(Verbs.DISPLAY_ROOM);
        return client;
    }

    /** A client that took its pseudo first come, without a password. */
    static ParleyClient user(ParleyServer server, String pseudo) throws IOException {
        return TestServer.loggedIn(server, pseudo);
    }

    /** A text client connecting from {@link #OTHER_ADDRESS}. */
    static LegacyClient fromOtherAddress(ParleyServer server) throws IOException {
        return new LegacyClient(server.address(), InetAddress.getByName(OTHER_ADDRESS));
    }

    static Message call(ParleyClient client, Message request) {
        return client.call(request, WAIT);
    }

    static void join(ParleyClient client, String room) {
        Message answer = call(client, Message.of("JOIN_ROOM").put("room", room));
        assertThat(answer.type()).as("JOIN_ROOM %s: %s", room, answer).isEqualTo(Verbs.OK);
    }

    /** Asserts a KO whose reason contains {@code words}, and returns the reason. */
    static String ko(Message answer, String words) {
        assertThat(answer.type()).as("%s", answer).isEqualTo(Verbs.KO);
        assertThat(answer.text("reason")).contains(words);
        return answer.text("reason");
    }

    static void ok(Message answer) {
        assertThat(answer.type()).as("%s", answer).isEqualTo(Verbs.OK);
    }

    static Message kick(String room, String pseudo, String reason) {
        Message kick = Message.of("KICK").put("room", room).put("pseudo", pseudo);
        return reason == null ? kick : kick.put("reason", reason);
    }

    static Message ban(String room, String target, String length, String reason) {
        Message ban = Message.of("BAN").put("room", room).put("target", target);
        if (length != null) {
            ban.put("for", length);
        }
        return reason == null ? ban : ban.put("reason", reason);
    }

    static Message mute(String room, String pseudo, String length) {
        Message mute = Message.of("MUTE").put("room", room).put("pseudo", pseudo);
        return length == null ? mute : mute.put("for", length);
    }

    static Message msg(String room, String pseudo, String text) {
        return Message.of("MSG").put("room", room).put("pseudo", pseudo).put("msg", text);
    }

    static Message login(String pseudo) {
        return Message.of(Verbs.LOGIN).put("pseudo", pseudo);
    }
}
