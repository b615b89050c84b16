package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.LinkMode;
import parley.p2p.client.P2pLink;
import parley.p2p.client.ReceivedFile;
import parley.p2p.client.SentFile;

/** Links on loopback that work directly: messages, room chat beside them, files, asking, refusing, closing, dropping. */
class DirectLinkTest {

    private static ParleyServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void start() throws Exception {
        server = P2pServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void directLinkCarriesMessagesBothWaysWhileRoomChatGoesOn() throws Exception {
        try (Side alice = Side.join(server, "d-alice", Side.options(AcceptPolicy.ALWAYS, temp.resolve("a")));
             Side bob = Side.join(server, "d-bob", Side.options(AcceptPolicy.ALWAYS, temp.resolve("b")))) {
            alice.client.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
            bob.client.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");

            P2pLink link = alice.p2p.open("d-bob").get(20, TimeUnit.SECONDS);
            assertThat(link.mode()).isEqualTo(LinkMode.DIRECT);
            assertThat(link.relayLimits()).isNull();
            assertThat(link.peer()).isEqualTo("d-bob");
            P2pLink bobsEnd = bob.events.awaitLinked();
            assertThat(bobsEnd.mode()).isEqualTo(LinkMode.DIRECT);
            assertThat(bobsEnd.peer()).isEqualTo("d-alice");
            assertThat(bobsEnd.id()).isEqualTo(link.id());

            link.say("hello bob, only you can read this");
            bobsEnd.say("hi alice");
            bob.events.awaitMessage("d-alice: hello bob, only you can read this");
            alice.events.awaitMessage("d-bob: hi alice");

            // the room goes on beside the link, and the link's words never reach it
            alice.client.expect(Message.of("MSG").put("room", "room1").put("msg", "hello room"), "OK");
            assertThat(bob.client.awaitPush("MSG", P2pServer.LONG).text("msg")).isEqualTo("hello room");
            link.say("still private");
            bob.events.awaitMessage("d-alice: still private");

            assertThat(alice.p2p.links()).containsExactly(link);
            assertThat(alice.p2p.link("D-BOB")).contains(link);
            assertThat(link.bytesSent()).isPositive();
            assertThat(link.bytesReceived()).isPositive();
            assertThat(alice.p2p.open("d-bob").get(20, TimeUnit.SECONDS)).isSameAs(link); // one link per pair
            assertThat(P2pServer.broker(server).relayPort()).isPositive(); // a relay exists, unused here
            assertThat(alice.events.notices).noneMatch(n -> n.contains("relay"));
        }
    }

    @Test
    void eitherSideClosesAndBothAreTold() throws Exception {
        try (Side alice = Side.join(server, "c-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "c-bob", Side.options(AcceptPolicy.ALWAYS, temp))) {
            P2pLink link = alice.p2p.open("c-bob").get(20, TimeUnit.SECONDS);
            bob.events.awaitLinked();
            bob.p2p.link("c-alice").orElseThrow().close("see you later");
            assertThat(alice.events.awaitClosed("c-bob closed the link: see you later")).startsWith("c-bob:");
            assertThat(bob.events.awaitClosed("you closed the link with c-alice")).isNotNull();
            assertThat(link.closed().get(20, TimeUnit.SECONDS)).contains("see you later");
            assertThat(alice.p2p.links()).isEmpty();
            assertThatThrownBy(() -> link.say("anyone?")).isInstanceOf(IOException.class).hasMessageContaining("closed");

            // and a new link can be set up again
            P2pLink again = alice.p2p.open("c-bob").get(20, TimeUnit.SECONDS);
            assertThat(again.id()).isNotEqualTo(link.id());
            again.close("done");
            assertThat(bob.events.awaitClosed("c-alice closed the link: done")).isNotNull();
        }
    }

    @Test
    void aPeerThatDisappearsMidLinkIsReported() throws Exception {
        try (Side alice = Side.join(server, "x-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "x-bob", Side.options(AcceptPolicy.ALWAYS, temp))) {
            P2pLink link = alice.p2p.open("x-bob").get(20, TimeUnit.SECONDS);
            P2pLink bobsEnd = bob.events.awaitLinked();
            link.say("are you there?");
            bob.events.awaitMessage("x-alice: are you there?");
            // bob's process dies: its sockets close without a word
            bob.client.close();
            Drop.abruptly(bobsEnd);
            assertThat(alice.events.awaitClosed("dropped")).contains("x-bob went away without closing it");
            assertThat(alice.p2p.links()).isEmpty();
        }
    }

    @Test
    void aCalleeThatRefusesNeverLinks() throws Exception {
        try (Side alice = Side.join(server, "r-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "r-bob", Side.options(AcceptPolicy.NEVER, temp));
             Side carol = Side.join(server, "r-carol", Side.options(AcceptPolicy.ASK, temp))) {
            assertThatThrownBy(() -> alice.p2p.open("r-bob").get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("r-bob refused the link: r-bob takes no P2P links (p2p.accept=never)");
            assertThat(alice.events.failed).anyMatch(f -> f.startsWith("r-bob: r-bob refused"));
            await().atMost(P2pServer.LONG).until(() -> bob.events.notices.stream()
                    .anyMatch(n -> n.contains("refused a link with r-alice (p2p.accept=never)")));

            // asked, carol says no herself
            CompletableFuture<P2pLink> toCarol = alice.p2p.open("r-carol");
            await().atMost(P2pServer.LONG).until(() -> !carol.events.asks.isEmpty());
            assertThat(carol.events.asks.get(0).peer()).isEqualTo("r-alice");
            assertThat(carol.p2p.asks()).hasSize(1);
            carol.p2p.refuse("r-alice", "busy right now");
            assertThatThrownBy(() -> toCarol.get(20, TimeUnit.SECONDS)).hasMessageContaining("r-carol refused the link: busy right now");
            assertThat(carol.p2p.asks()).isEmpty();
            assertThat(alice.p2p.links()).isEmpty();
            assertThat(carol.p2p.links()).isEmpty();
        }
    }

    @Test
    void anAskedCalleeThatAcceptsLinks() throws Exception {
        try (Side alice = Side.join(server, "q-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "q-bob", Side.options(AcceptPolicy.ASK, temp))) {
            CompletableFuture<P2pLink> link = alice.p2p.open("q-bob");
            await().atMost(P2pServer.LONG).until(() -> !bob.p2p.asks().isEmpty());
            assertThatThrownBy(() -> bob.p2p.accept("nobody")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no link question from nobody");
            bob.p2p.accept(""); // the only one waiting
            assertThat(link.get(20, TimeUnit.SECONDS).mode()).isEqualTo(LinkMode.DIRECT);
            assertThat(bob.events.awaitLinked().peer()).isEqualTo("q-alice");
        }
    }

    @Test
    void theServerItselfStartsALink() throws Exception {
        try (Side alice = Side.join(server, "s-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "s-bob", Side.options(AcceptPolicy.ALWAYS, temp))) {
            var sessions = server.context().sessions();
            String id = P2pServer.broker(server).propose(sessions.byPseudo("s-alice").orElseThrow(),
                    sessions.byPseudo("s-bob").orElseThrow());
            P2pLink aliceEnd = alice.events.awaitLinked();
            P2pLink bobEnd = bob.events.awaitLinked();
            assertThat(aliceEnd.id()).isEqualTo(id).isEqualTo(bobEnd.id());
            assertThat(aliceEnd.mode()).isEqualTo(LinkMode.DIRECT);
            bobEnd.say("the server introduced us");
            alice.events.awaitMessage("s-bob: the server introduced us");
        }
    }

    @Test
    void aFileCrossesADirectLinkWhole() throws Exception {
        Path downloads = temp.resolve("downloads");
        try (Side alice = Side.join(server, "f-alice", Side.options(AcceptPolicy.ALWAYS, temp.resolve("unused")));
             Side bob = Side.join(server, "f-bob", Side.options(AcceptPolicy.ALWAYS, downloads))) {
            Path file = randomFile(temp.resolve("holiday photos.bin"), 3 * 1024 * 1024 + 123);
            P2pLink link = alice.p2p.open("f-bob").get(20, TimeUnit.SECONDS);
            List<Long> progress = new java.util.concurrent.CopyOnWriteArrayList<>();
            SentFile sent = link.sendFile(file, progress::add).get(30, TimeUnit.SECONDS);
            link.say("did you get it?"); // messages and files share the link

            assertThat(sent.sha256()).isEqualTo(sha256(file));
            assertThat(sent.size()).isEqualTo(Files.size(file));
            assertThat(progress).isSorted().last().isEqualTo(Files.size(file));
            await().atMost(P2pServer.LONG).until(() -> !bob.events.files.isEmpty());
            ReceivedFile received = bob.events.files.get(0);
            assertThat(received.name()).isEqualTo("holiday photos.bin");
            assertThat(received.path()).isEqualTo(downloads.resolve("holiday photos.bin"));
            assertThat(sha256(received.path())).isEqualTo(sha256(file)).isEqualTo(received.sha256());
            assertThat(Files.mismatch(file, received.path())).isEqualTo(-1);
            bob.events.awaitMessage("f-alice: did you get it?");

            // the same name again does not overwrite the first
            link.sendFile(file, null).get(30, TimeUnit.SECONDS);
            await().atMost(P2pServer.LONG).until(() -> bob.events.files.size() == 2);
            assertThat(bob.events.files.get(1).path()).isEqualTo(downloads.resolve("holiday photos (1).bin"));
            assertThat(onlyFinishedFiles(downloads)).isTrue();
        }
    }

    @Test
    void aFileCutShortByADropIsNotKept() throws Exception {
        Path downloads = temp.resolve("downloads");
        try (Side alice = Side.join(server, "g-alice", Side.options(AcceptPolicy.ALWAYS, temp.resolve("unused")));
             Side bob = Side.join(server, "g-bob", Side.options(AcceptPolicy.ALWAYS, downloads))) {
            Path file = randomFile(temp.resolve("big.bin"), 32 * 1024 * 1024);
            P2pLink link = alice.p2p.open("g-bob").get(20, TimeUnit.SECONDS);
            P2pLink bobsEnd = bob.events.awaitLinked();
            CompletableFuture<SentFile> sending = link.sendFile(file, null);
            await().atMost(P2pServer.LONG).until(() -> bobsEnd.bytesReceived() > 1024 * 1024);
            Drop.abruptly(bobsEnd);
            assertThatThrownBy(() -> sending.get(20, TimeUnit.SECONDS)).hasMessageContaining("g-bob");
            await().atMost(P2pServer.LONG).until(() -> !bob.events.fileFailures.isEmpty());
            assertThat(bob.events.fileFailures.get(0)).startsWith("big.bin: ");
            assertThat(bob.events.files).isEmpty();
            try (Stream<Path> left = Files.list(downloads)) {
                assertThat(left).isEmpty(); // the partial copy is gone
            }
        }
    }

    @Test
    void aFileOverTheReceiversLimitIsRefusedAndTheLinkGoesOn() throws Exception {
        try (Side alice = Side.join(server, "m-alice", Side.options(AcceptPolicy.ALWAYS, temp.resolve("unused")));
             Side bob = Side.join(server, "m-bob", Side.options(AcceptPolicy.ALWAYS, temp.resolve("b"))
                     .withMaxFileBytes(1000))) {
            P2pLink link = alice.p2p.open("m-bob").get(20, TimeUnit.SECONDS);
            Path file = randomFile(temp.resolve("too big.bin"), 2000);
            assertThatThrownBy(() -> link.sendFile(file, null).get(20, TimeUnit.SECONDS))
                    .hasMessageContaining("m-bob did not take too big.bin: it is 2000 bytes, over this client's limit"
                            + " of 1000 (p2p.max-file-bytes)");
            await().atMost(P2pServer.LONG).until(() -> !bob.events.fileFailures.isEmpty());
            link.say("never mind");
            bob.events.awaitMessage("m-alice: never mind");
            assertThat(bob.events.files).isEmpty();
        }
    }

    static Path randomFile(Path path, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(path, bytes);
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static boolean onlyFinishedFiles(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.noneMatch(p -> p.getFileName().toString().endsWith(".part"));
        }
    }
}
