package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;

class PluginLoaderTest {

    private static final Config LOOPBACK = Config.of(Map.of("host", "127.0.0.1", "port", "0"));

    @TempDir
    Path temp;

    @Test
    void loadsEachJarAsAPluginInNameOrder() throws Exception {
        PluginScanner.Result found = PluginLoader.load(TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS));
        assertThat(found.failures()).isEmpty();
        assertThat(TestPlugins.names(found.plugins())).containsExactly("rooms", "tcp");
        assertThat(found.plugins()).allSatisfy(p -> assertThat(p.module().getLayer()).isNotEqualTo(ModuleLayer.boot()));
    }

    @Test
    void serverWithoutTheRoomsJarHasNoJoinRoom() throws Exception {
        PluginScanner.Result found = PluginLoader.load(TestPlugins.directory(temp, TestPlugins.TCP));
        try (ParleyServer server = ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
             ParleyClient client = TestPlugins.connect(server.address().getPort())) {
            assertThat(server.verbs()).doesNotContain("JOIN_ROOM").contains("LOGIN"); // LOGIN is the kernel's
            Message reply = client.call(Message.of("JOIN_ROOM").put("room", "room1"), TestPlugins.LONG);
            assertThat(reply.type()).isEqualTo("ERROR");
            assertThat(reply.text("reason")).startsWith("unknown type 'JOIN_ROOM'");
        }
    }

    @Test
    void serverWithBothJarsChats() throws Exception {
        PluginScanner.Result found = PluginLoader.load(TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS));
        try (ParleyServer server = ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
             ParleyClient alice = TestPlugins.connect(server.address().getPort());
             ParleyClient bob = TestPlugins.connect(server.address().getPort())) {
            alice.login("alice");
            bob.login("bob");
            alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
            bob.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
            alice.expect(Message.of("MSG").put("room", "room1").put("msg", "through plugin layers"), "OK");
            assertThat(bob.awaitPush("MSG", TestPlugins.LONG).text("msg")).isEqualTo("through plugin layers");
        }
    }

    @Test
    void p2pJarLoadsInItsOwnLayerAndSetsUpALink() throws Exception {
        PluginScanner.Result found = PluginLoader.load(TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS,
                TestPlugins.P2P));
        assertThat(found.failures()).isEmpty();
        assertThat(TestPlugins.names(found.plugins())).containsExactly("rooms", "p2p", "tcp"); // in jar name order
        try (ParleyServer server = ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
             ParleyClient alice = TestPlugins.connect(server.address().getPort());
             ParleyClient bob = TestPlugins.connect(server.address().getPort())) {
            assertThat(server.failures()).isEmpty();
            assertThat(server.verbs()).contains("P2P_REQUEST", "P2P_ACCEPT", "P2P_REFUSE", "P2P_FALLBACK", "P2P_LINKED");
            alice.login("alice");
            bob.login("bob");
            // each side gives its link certificate's fingerprint; the invite hands it to the other, which pins it
            String alicesCert = "SHA256:" + "AB:".repeat(31) + "AB";
            String bobsCert = "SHA256:" + "CD:".repeat(31) + "CD";
            Message ok = alice.call(Message.of("P2P_REQUEST").put("peer", "bob").put("fingerprint", alicesCert),
                    TestPlugins.LONG);
            assertThat(ok.type()).isEqualTo("OK");
            Message ask = bob.awaitPush("P2P_ASK", TestPlugins.LONG);
            assertThat(ask.text("peer")).isEqualTo("alice");
            bob.call(Message.of("P2P_ACCEPT").put("link", ok.text("link")).put("port", 4242).put("fingerprint", bobsCert),
                    TestPlugins.LONG);
            Message invite = alice.awaitPush("P2P_INVITE", TestPlugins.LONG);
            assertThat(invite.get("peer").get("port").intValue()).isEqualTo(4242);
            assertThat(invite.get("peer").get("fingerprint").stringValue()).isEqualTo(bobsCert);
            assertThat(invite.get("relay").get("port").intValue()).isPositive(); // the relay listens from its layer
        }
    }

    @Test
    void brokenJarIsReportedByNameAndTheOthersStillLoad() throws Exception {
        Path dir = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        Files.write(dir.resolve("broken.jar"), new byte[] {1, 2, 3, 4});
        Files.writeString(dir.resolve("README.txt"), "not a plugin, ignored");
        PluginScanner.Result found = PluginLoader.load(dir);
        assertThat(found.failures()).singleElement().satisfies(f -> assertThat(f.plugin()).isEqualTo("broken.jar"));
        assertThat(TestPlugins.names(found.plugins())).containsExactly("rooms", "tcp");
        try (ParleyServer server = ParleyServer.start(LOOPBACK, found.plugins(), found.failures());
             ParleyClient client = TestPlugins.connect(server.address().getPort())) {
            assertThat(client.login("carol").texts("rooms")).contains("room1");
            assertThat(server.failures()).extracting(f -> f.plugin()).contains("broken.jar");
        }
    }

    @Test
    void pluginFolderMayCarryItsOwnCopyOfTheKernelWhichIsIgnored() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(TestPlugins.staged().resolve(TestPlugins.TCP), dir.resolve(TestPlugins.TCP));
        Path folder = Files.createDirectories(dir.resolve("rooms-with-libs"));
        Files.copy(TestPlugins.staged().resolve(TestPlugins.ROOMS), folder.resolve(TestPlugins.ROOMS));
        Files.copy(TestPlugins.staged().resolve(TestPlugins.ROOMS_API), folder.resolve(TestPlugins.ROOMS_API));
        Path api = Path.of(System.getProperty("parley.lib")).resolve("parley-api-0.1.0.jar");
        Files.copy(api, folder.resolve("parley-api-0.1.0.jar"));
        PluginScanner.Result found = PluginLoader.load(dir);
        assertThat(found.failures()).isEmpty();
        // entries load in name order: "parley-transport-tcp.jar" before "rooms-with-libs"
        assertThat(TestPlugins.names(found.plugins())).containsExactly("tcp", "rooms");
        assertThat(found.plugins().get(1).module().getLayer().findModule("parley.api")).get()
                .isSameAs(ModuleLayer.boot().findModule("parley.api").orElseThrow());
    }

    @Test
    void jarWithNothingNewIsReported() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("plugins"));
        Files.copy(Path.of(System.getProperty("parley.lib")).resolve("parley-api-0.1.0.jar"), dir.resolve("api.jar"));
        PluginScanner.Result found = PluginLoader.load(dir);
        assertThat(found.plugins()).isEmpty();
        assertThat(found.failures()).singleElement().satisfies(f -> {
            assertThat(f.plugin()).isEqualTo("api.jar");
            assertThat(f.reason()).contains("no module that the server does not already have");
        });
    }

    @Test
    void missingDirectoryIsReported() {
        PluginScanner.Result found = PluginLoader.load(temp.resolve("nowhere"));
        assertThat(found.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("no such plugins directory"));
        assertThat(found.plugins()).isEqualTo(List.of());
    }
}
