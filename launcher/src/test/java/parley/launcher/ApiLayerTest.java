package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;

/**
 * The rooms API is a layer of its own, made once and shared as the parent of the rooms plugin's layer
 * and of every plugin that reads it; through it they share types, and none sees another's classes.
 */
class ApiLayerTest {

    @TempDir
    Path temp;

    @Test
    void theRoomsApiIsOneParentLayerSharedByTheRoomsAndTheVote() throws Exception {
        PluginScanner.Result found = PluginLoader.load(TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS,
                TestPlugins.VOTE));
        assertThat(found.failures()).isEmpty();
        assertThat(TestPlugins.names(found.plugins())).containsExactlyInAnyOrder("rooms", "tcp", "vote")
                .as("the API jar is a library, not a plugin").doesNotContain("parley.rooms.api");
        Module rooms = module(found, "rooms");
        Module vote = module(found, "vote");
        Module api = rooms.getLayer().parents().getFirst().findModule("parley.rooms.api").orElseThrow();
        assertThat(vote.getLayer().parents()).containsExactly(api.getLayer());
        assertThat(module(found, "tcp").getLayer().parents()).containsExactly(ModuleLayer.boot());

        assertThat(vote.canRead(api)).isTrue();
        assertThat(vote.canRead(rooms)).as("the vote reads the rooms API, never the rooms plugin").isFalse();
        assertThat(vote.getLayer().findModule("parley.rooms"))
                .as("the rooms plugin is not even in the vote's layers").isEmpty();
    }

    @Test
    void loadingTheDirectoryAgainReusesTheSameApiLayer() throws Exception {
        Path dir = TestPlugins.directory(temp, TestPlugins.ROOMS, TestPlugins.VOTE);
        Module first = module(PluginLoader.load(dir), "vote");
        Module again = module(PluginLoader.load(dir), "vote");
        assertThat(again.getLayer()).as("a fresh layer for the plugin").isNotSameAs(first.getLayer());
        assertThat(again.getLayer().parents()).as("over the same API layer, so a reloaded vote still"
                + " shares the rooms' types").isEqualTo(first.getLayer().parents());
    }

    @Test
    void aVoteLoadedThroughItsApiLayerRunsAgainstTheRoomsPlugin() throws Exception {
        PluginScanner.Result found = PluginLoader.load(TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS,
                TestPlugins.VOTE));
        try (ParleyServer server = ParleyServer.start(Config.of(Map.of("host", "127.0.0.1", "port", "0")),
                found.plugins(), found.failures());
             ParleyClient alice = TestPlugins.connect(server.address().getPort())) {
            assertThat(server.failures()).isEmpty();
            alice.login("alice");
            alice.expect(parley.api.Message.of("JOIN_ROOM").put("room", "room1"), "OK");
            var vote = alice.beginSequence("VOTE", "room1", parley.api.wire.Json.object().put("question", "Layers?"),
                    TestPlugins.LONG);
            // the vote found the rooms plugin's RoomDirectory through the shared API type: alone in the
            // room, nobody else can vote, so it completes at once
            var result = vote.await(TestPlugins.LONG);
            assertThat(result.get("yes").asInt()).isZero();
            assertThat(result.get("no").asInt()).isZero();
        }
    }

    private static Module module(PluginScanner.Result found, String plugin) {
        return found.plugins().stream().filter(p -> p.name().equals(plugin)).map(Plugin::module).findFirst().orElseThrow();
    }
}
