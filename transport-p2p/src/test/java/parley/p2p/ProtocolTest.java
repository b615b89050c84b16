package parley.p2p;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.p2p.link.LinkIdentity;
import parley.p2p.link.P2pMessages;
import parley.testkit.LegacyClient;
import parley.testkit.TestServer;

/** The messages between clients and server, their shapes, and every refusal with its reason. */
class ProtocolTest {

    private static final LinkIdentity ALICE = LinkIdentity.generate();
    private static final LinkIdentity BOB = LinkIdentity.generate();

    private static ParleyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = P2pServer.start(Map.of("p2p.max-pending", "2"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestAskAcceptAndTheTwoInvites() throws Exception {
        try (ParleyClient alice = P2pServer.loggedIn(server, "p-alice");
             ParleyClient bob = P2pServer.loggedIn(server, "p-bob")) {
            Message ok = alice.call(Message.of(P2pMessages.REQUEST).put("seq", 7).put("peer", "P-BOB")
                    .put("fingerprint", ALICE.fingerprint().text()), Invites.LONG);
            String link = ok.text("link");
            assertThat(ok.toString()).isEqualTo("{\"type\":\"OK\",\"link\":\"" + link + "\",\"peer\":\"p-bob\",\"seq\":7}");
            Message ask = bob.awaitPush(P2pMessages.ASK, Invites.LONG);
            assertThat(ask.toString()).isEqualTo("{\"type\":\"P2P_ASK\",\"link\":\"" + link
                    + "\",\"peer\":\"p-alice\",\"role\":\"callee\",\"timeout_ms\":60000}");
            assertThat(bob.call(Message.of(P2pMessages.ACCEPT).put("link", link).put("port", 12345)
                    .put("fingerprint", BOB.fingerprint().text().toLowerCase(java.util.Locale.ROOT)), Invites.LONG).type())
                    .isEqualTo("OK");

            Message toBob = Invites.invite(bob, link).invite();
            Message toAlice = Invites.invite(alice, link).invite();
            int relay = P2pServer.broker(server).relayPort();
            String token = toAlice.text("token");
            assertThat(toAlice.toString()).isEqualTo("{\"type\":\"P2P_INVITE\",\"link\":\"" + link + "\","
                    + "\"peer\":{\"pseudo\":\"p-bob\",\"ip\":\"127.0.0.1\",\"port\":12345,"
                    + "\"fingerprint\":\"" + BOB.fingerprint() + "\"},\"role\":\"caller\","
                    + "\"token\":\"" + token + "\",\"expires_ms\":60000,"
                    + "\"relay\":{\"port\":" + relay + ",\"max_bytes\":67108864,\"max_duration_ms\":600000},"
                    + "\"connect_timeout_ms\":3000}");
            assertThat(toBob.toString()).isEqualTo("{\"type\":\"P2P_INVITE\",\"link\":\"" + link + "\","
                    + "\"peer\":{\"pseudo\":\"p-alice\",\"ip\":\"127.0.0.1\","
                    + "\"fingerprint\":\"" + ALICE.fingerprint() + "\"},\"role\":\"callee\","
                    + "\"token\":\"" + token + "\",\"expires_ms\":60000,"
                    + "\"relay\":{\"port\":" + relay + ",\"max_bytes\":67108864,\"max_duration_ms\":600000}}");
            assertThat(Base64.getUrlDecoder().decode(token)).hasSize(32); // 256 bits

            // answered once; only the caller reports the direct link; once
            assertThat(reason(bob, Message.of(P2pMessages.ACCEPT).put("link", link))).contains("was answered already");
            assertThat(reason(bob, Message.of(P2pMessages.LINKED).put("link", link))).contains("only a link's caller");
            assertThat(alice.call(Message.of(P2pMessages.LINKED).put("link", link), Invites.LONG).type()).isEqualTo("OK");
            assertThat(reason(alice, Message.of(P2pMessages.LINKED).put("link", link))).contains("only a link's caller");
            assertThat(reason(alice, Message.of(P2pMessages.FALLBACK).put("link", link)))
                    .isEqualTo("link " + link + " is over: set up directly");
            // the pair is free again
            assertThat(alice.call(request("p-bob"), Invites.LONG).type()).isEqualTo("OK");
        }
    }

    @Test
    void everyRefusalSaysWhoAndWhatToDo() throws Exception {
        try (ParleyClient amy = P2pServer.loggedIn(server, "k-amy");
             ParleyClient ben = P2pServer.loggedIn(server, "k-ben");
             ParleyClient cat = P2pServer.loggedIn(server, "k-cat");
             ParleyClient dan = P2pServer.loggedIn(server, "k-dan");
             ParleyClient anonymous = TestServer.client(server);
             LegacyClient old = new LegacyClient(server.address())) {
            assertThat(old.ask("LOGIN \"k-old\"")).startsWith("DISPLAY_ROOM");
            assertThat(old.ask("P2P_REQUEST \"k-amy\"")).isEqualTo("KO \"P2P needs a framed client (parley client,"
                    + " or ParleyClient from code): the text protocol cannot carry a link's invite\"");
            assertThat(reason(amy, request("k-old"))).isEqualTo("k-old uses the text protocol, which cannot do P2P: they need parley client");
            assertThat(reason(amy, request("nobody"))).isEqualTo("no user 'nobody' is connected: check the pseudo (/who lists a room's members)");
            assertThat(reason(amy, request("K-AMY"))).isEqualTo("you cannot link with yourself: name another user");
            assertThat(reason(anonymous, request("k-amy"))).contains("not logged in");
            Message noPeer = amy.call(Message.of(P2pMessages.REQUEST), Invites.LONG);
            assertThat(noPeer.type()).isEqualTo("ERROR");
            assertThat(noPeer.text("reason")).isEqualTo("P2P_REQUEST needs a string field \"peer\"");

            String link = Invites.request(amy, "k-ben");
            assertThat(reason(ben, request("k-amy"))).isEqualTo("a link between k-ben and k-amy is already being set up ("
                    + link + "): wait for its invite or its refusal");
            Invites.request(amy, "k-cat");
            assertThat(reason(amy, request("k-dan"))).isEqualTo("you are setting up 2 links already, the most this"
                    + " server allows (p2p.max-pending): wait until they are set up or refused");

            assertThat(reason(cat, Message.of(P2pMessages.ACCEPT).put("link", link)))
                    .isEqualTo("no link " + link + " is waiting for your answer: check the id in P2P_ASK");
            assertThat(reason(ben, Message.of(P2pMessages.ACCEPT).put("link", "p2p-0")))
                    .isEqualTo("no link p2p-0 is waiting for your answer: check the id in P2P_ASK");
            Message badPort = ben.call(Message.of(P2pMessages.ACCEPT).put("link", link).put("port", 70000), Invites.LONG);
            assertThat(badPort.type()).isEqualTo("ERROR");
            assertThat(badPort.text("reason")).startsWith("P2P_ACCEPT's port must be a whole number from 1 to 65535");
            assertThat(reason(cat, Message.of(P2pMessages.REFUSE).put("link", link))).contains("is waiting for your answer");
            assertThat(reason(dan, Message.of(P2pMessages.FALLBACK).put("link", link))).contains("no link " + link + " of yours");

            // none of this disturbed the link being set up
            assertThat(ben.call(Message.of(P2pMessages.REFUSE).put("link", link).put("reason", "not\nnow"), Invites.LONG)
                    .type()).isEqualTo("OK");
            Message refused = amy.awaitPush(P2pMessages.REFUSED, Invites.LONG);
            assertThat(refused.toString()).isEqualTo("{\"type\":\"P2P_REFUSED\",\"link\":\"" + link
                    + "\",\"peer\":\"k-ben\",\"reason\":\"k-ben refused the link: not now\"}");
            assertThat(reason(ben, Message.of(P2pMessages.ACCEPT).put("link", link)))
                    .isEqualTo("link " + link + " is over: k-ben refused the link: not now");
        }
    }

    @Test
    void aClientWithoutAFingerprintIsRefusedNotLinkedInClearText() throws Exception {
        try (ParleyClient amy = P2pServer.loggedIn(server, "f-amy");
             ParleyClient ben = P2pServer.loggedIn(server, "f-ben")) {
            // an older client: no fingerprint, so it could only link in clear text; it is told to update
            Message old = amy.call(Message.of(P2pMessages.REQUEST).put("peer", "f-ben"), Invites.LONG);
            assertThat(old.type()).isEqualTo("ERROR");
            assertThat(old.text("reason")).isEqualTo("P2P_REQUEST needs \"fingerprint\": the SHA-256 fingerprint of"
                    + " your link certificate (SHA256:AB:CD:...). P2P links run TLS between the two clients, each"
                    + " pinning the other's certificate; a client that sends none is too old for this server: update it");
            Message bad = amy.call(Message.of(P2pMessages.REQUEST).put("peer", "f-ben").put("fingerprint", "SHA256:12:34"),
                    Invites.LONG);
            assertThat(bad.type()).isEqualTo("ERROR");
            assertThat(bad.text("reason")).isEqualTo("P2P_REQUEST's fingerprint: 'SHA256:12:34' is not a SHA-256"
                    + " fingerprint: expected SHA256: and 32 bytes in hex (SHA256:AB:CD:...)");

            // asked, ben answers like an older client: refused the same way, and the question still waits
            String link = Invites.request(amy, "f-ben");
            ben.awaitPush(m -> P2pMessages.ASK.equals(m.type()) && link.equals(m.text("link")), Invites.LONG);
            Message oldAccept = ben.call(Message.of(P2pMessages.ACCEPT).put("link", link).put("port", 4000), Invites.LONG);
            assertThat(oldAccept.type()).isEqualTo("ERROR");
            assertThat(oldAccept.text("reason")).startsWith("P2P_ACCEPT needs \"fingerprint\"").endsWith("update it");
            assertThat(ben.call(Message.of(P2pMessages.ACCEPT).put("link", link).put("port", 4000)
                    .put("fingerprint", BOB.fingerprint().text()), Invites.LONG).type()).isEqualTo("OK");
            assertThat(Invites.invite(amy, link).peerFingerprint()).isEqualTo(BOB.fingerprint());
        }
    }

    @Test
    void anAskedSideThatLeavesEndsTheRequest() throws Exception {
        try (ParleyClient alice = P2pServer.loggedIn(server, "v-alice")) {
            ParleyClient bob = P2pServer.loggedIn(server, "v-bob");
            String link = Invites.request(alice, "v-bob");
            bob.awaitPush(P2pMessages.ASK, Invites.LONG);
            bob.close();
            Message refused = alice.awaitPush(P2pMessages.REFUSED, Invites.LONG);
            assertThat(refused.text("link")).isEqualTo(link);
            assertThat(refused.text("reason")).isEqualTo("v-bob left the server");
        }
    }

    @Test
    void anUnansweredQuestionEndsAtItsDeadline() throws Exception {
        try (ParleyServer quick = P2pServer.start(Map.of("p2p.answer-timeout", "300ms"));
             ParleyClient alice = P2pServer.loggedIn(quick, "alice");
             ParleyClient bob = P2pServer.loggedIn(quick, "bob")) { // a client without P2P: it never answers
            String link = Invites.request(alice, "bob");
            Message refused = alice.awaitPush(P2pMessages.REFUSED, Invites.LONG);
            assertThat(refused.text("link")).isEqualTo(link);
            assertThat(refused.text("reason")).isEqualTo("bob did not answer within 300 ms (a client without P2P never answers)");
            assertThat(bob.awaitPush(P2pMessages.REFUSED, Invites.LONG).text("reason")).contains("did not answer");
        }
    }

    @Test
    void aBadSettingStopsThePluginNamingTheKey() throws Exception {
        try (ParleyServer bad = P2pServer.start(Map.of("p2p.relay-max-bytes", "lots"))) {
            assertThat(bad.failures()).anySatisfy(f -> assertThat(f.toString()).contains("p2p")
                    .contains("setting 'p2p.relay-max-bytes'"));
            assertThat(bad.verbs()).doesNotContain(P2pMessages.REQUEST);
        }
    }

    private static Message request(String peer) {
        return Message.of(P2pMessages.REQUEST).put("peer", peer).put("fingerprint", Invites.HAND.fingerprint().text());
    }

    private static String reason(ParleyClient client, Message request) {
        Message reply = client.call(request, Invites.LONG);
        assertThat(reply.type()).as(reply.toString()).isEqualTo("KO");
        return reply.text("reason");
    }
}
