package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.server.ParleyServer;
import parley.p2p.client.AcceptPolicy;
import parley.p2p.client.LinkMode;
import parley.p2p.client.P2pLink;
import parley.p2p.link.P2pMessages;

/** Tokens go to the two sides only: whatever the server and the clients log, no token is in it. */
class NoTokenInLogsTest {

    @TempDir
    Path temp;

    @Test
    void aDirectAndARelayedLinkLogNoToken() throws Exception {
        List<String> tokens = new CopyOnWriteArrayList<>();
        List<String> links = new CopyOnWriteArrayList<>();
        try (ParleyServer server = P2pServer.start();
             Side alice = Side.join(server, "n-alice", Side.options(AcceptPolicy.ALWAYS, temp));
             Side bob = Side.join(server, "n-bob", Side.options(AcceptPolicy.ALWAYS, temp));
             Side carol = Side.join(server, "n-carol", Side.options(AcceptPolicy.ALWAYS, temp)
                     .withAnnouncePort(RelayFallbackTest.closedPort()))) {
            alice.client.onPush(m -> {
                if (P2pMessages.INVITE.equals(m.type())) {
                    tokens.add(m.text("token"));
                    links.add(m.text("link"));
                }
            });
            P2pLink direct = alice.p2p.open("n-bob").get(20, TimeUnit.SECONDS);
            P2pLink relayed = alice.p2p.open("n-carol").get(20, TimeUnit.SECONDS);
            assertThat(direct.mode()).isEqualTo(LinkMode.DIRECT);
            assertThat(relayed.mode()).isEqualTo(LinkMode.RELAYED);
            relayed.say("hi");
            carol.events.awaitMessage("n-alice: hi");
            relayed.close("bye");
            carol.events.awaitClosed("bye");
        }
        String log = Files.readString(Path.of(System.getProperty("p2p.test.log", "target/p2p-test.log")));
        assertThat(tokens).hasSize(2);
        for (String link : links) {
            assertThat(log).contains(link + ": invited"); // the log is written, and covers these links
        }
        assertThat(log).contains("relayed link ended");
        for (String token : tokens) {
            assertThat(log).doesNotContain(token);
        }
    }
}
