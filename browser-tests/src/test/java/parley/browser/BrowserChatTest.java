package parley.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.testkit.CuttableProxy;


/**
 * Issue 12's scenario, in real browsers: alice (a desktop window) and bob (a phone-sized one, through a
 * relay the test can cut) chat in room1 with carol, on the terminal client, and dave, an old text client.
 * Everyone sees the same messages; a vote and a file go round; bob's connection drops and comes back with
 * what he missed, once each. A screenshot of each browser is kept under target/browser-artifacts.
 */
class BrowserChatTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @TempDir
    Path temp;

    @Test
    void twoBrowsersATerminalAndATextClientShareARoom() throws Exception {
        Path artifacts = Path.of(System.getProperty("parley.artifacts.dir", "target/browser-artifacts"));
        try (ParleyProcess server = ParleyProcess.server(temp.resolve("server"))) {
            int port = server.awaitPort();
            try (CuttableProxy bobsNetwork = new CuttableProxy(port);
                 Browser alice = Browser.open("alice", temp, 1280, 900);
                 Browser bob = Browser.open("bob", temp, 390, 844);
                 ParleyProcess carol = ParleyProcess.client(temp.resolve("carol"), port, "carol", "room1");
                 TextClient dave = new TextClient(new InetSocketAddress("127.0.0.1", port))) {

                // log in and join: two browsers, a terminal, a text client
                carol.awaitLine(l -> l.contains("joined room1"));
                dave.send("LOGIN \"dave\"");
                dave.await(l -> l.startsWith("DISPLAY_ROOM"));
                dave.send("JOIN_ROOM \"room1\"");
                dave.await(l -> l.equals("OK"));
                alice.get("http://127.0.0.1:" + port + "/");
                alice.logIn("alice");
                assertThat(alice.texts("room1")).isEmpty();
                assertThat(alice.findAll("#rooms li").stream().map(li -> li.getAttribute("data-room")).toList())
                        .containsExactly("room1", "room2", "room3");
                alice.join("room1");
                alice.say("room1", "before bob came");
                dave.await(l -> l.equals("MSG \"room1\" \"alice\" \"before bob came\""));

                // bob first asks for a pseudo that is taken, and is told why; then he joins and sees the history
                bob.get("http://127.0.0.1:" + bobsNetwork.port() + "/");
                bob.field("#pseudo").sendKeys("Carol");
                bob.find("#login").click();
                bob.awaitText("#login-error", "pseudo 'Carol' is taken");
                assertThat(bob.find("#chat-screen").isDisplayed()).isFalse();
                bob.logIn("bob");
                bob.join("room1");
                assertThat(bob.messages("room1")).as("what was said before bob came, marked as history")
                        .anySatisfy(m -> {
                            assertThat(m.get("text")).isEqualTo("before bob came");
                            assertThat((String) m.get("cls")).contains("history");
                        });
                alice.awaitText("#members", "bob");
                assertThat(alice.find("#members").getText()).contains("carol", "dave", "alice", "bob");
                await().atMost(LONG).until(() -> alice.texts("room1").stream().anyMatch(t -> t.contains("bob joined room1")));
                carol.awaitLine(l -> l.contains("* bob joined room1"));
                dave.await(l -> l.equals("JOINED \"room1\" \"bob\""));

                // chat both ways, and with the terminal and the text client
                alice.say("room1", "hello from alice");
                awaitMessage(bob, "alice", "hello from alice");
                carol.awaitLine(l -> l.contains("[room1] alice: hello from alice"));
                dave.await(l -> l.equals("MSG \"room1\" \"alice\" \"hello from alice\""));

                String markup = "hi <b>alice</b> & <img src=x onerror=alert(1)> \"quoted\"";
                bob.say("room1", markup);
                awaitMessage(alice, "bob", markup);
                assertThat(alice.findAll(".room-log img, .room-log b")).as("chat text is never HTML").isEmpty();
                carol.awaitLine(l -> l.contains("[room1] bob: " + markup));
                dave.await(l -> l.equals("MSG \"room1\" \"bob\" \"hi <b>alice</b> & <img src=x onerror=alert(1)> \\\"quoted\\\"\""));

                carol.type("from the terminal");
                awaitMessage(alice, "carol", "from the terminal");
                awaitMessage(bob, "carol", "from the terminal");
                dave.await(l -> l.equals("MSG \"room1\" \"carol\" \"from the terminal\""));

                dave.send("MSG \"room1\" \"dave\" \"from a text client\"");
                awaitMessage(alice, "dave", "from a text client");
                awaitMessage(bob, "dave", "from a text client");
                carol.awaitLine(l -> l.contains("[room1] dave: from a text client"));

                // a vote: alice asks, bob answers in his browser, carol at the terminal; dave's form cannot vote
                alice.field("#question").sendKeys("Pizza or sushi?");
                alice.field("#options").sendKeys("Pizza | Sushi");
                alice.field("#vote-seconds").sendKeys("120");
                alice.find("#ask").click();
                await().atMost(LONG).until(() -> !bob.findAll(".vote button.choice[data-choice='Sushi']").isEmpty());
                assertThat(bob.find(".vote .question").getText()).isEqualTo("alice asks: Pizza or sushi?");
                carol.awaitLine(l -> l.contains("? alice asks room1: Pizza or sushi?"));
                bob.find(".vote button.choice[data-choice='Sushi']").click();
                bob.awaitText(".vote .tally", "you voted Sushi");
                alice.awaitText("#tally", "1 of 3 voted");
                carol.type("/choose Pizza");
                String result = "Pizza 1, Sushi 1, missing 1";
                await().atMost(LONG).until(() -> alice.texts("room1").stream().anyMatch(t -> t.endsWith("Vote “Pizza or sushi?”: " + result)));
                await().atMost(LONG).until(() -> bob.texts("room1").stream().anyMatch(t -> t.endsWith("Vote “Pizza or sushi?”: " + result)));
                alice.awaitText(".vote.mine .tally", "closed: " + result);
                carol.awaitLine(l -> l.contains("= vote in room1 \"Pizza or sushi?\": Pizza 1, Sushi 1, missing 1"));
                dave.await(l -> l.startsWith("SEQUENCE_RESULT \"room1\"") && l.contains("Pizza") && l.contains("missing"));

                // a file: alice sends 700 KiB (three chunks), bob fetches it and his browser checks its SHA-256
                byte[] content = new byte[700 * 1024];
                new Random(12).nextBytes(content);
                Path report = Files.write(temp.resolve("report.bin"), content);
                alice.find("#file").sendKeys(report.toString());
                alice.find("#send-file").click();
                alice.awaitText("#upload-status", "sent report.bin (700.0 KiB), SHA-256 checked by the server");
                assertThat(alice.texts("room1")).contains("you sent report.bin (700.0 KiB) to room1");
                assertThat(alice.find("#upload-progress").getAttribute("value")).isEqualTo("1");
                carol.awaitLine(l -> l.contains("* alice offers report.bin") && l.contains("/get f-"));
                dave.await(l -> l.startsWith("FILE \"room1\" \"alice\" \"report.bin\" \"\" \"716800\""));
                await().atMost(LONG).until(() -> !bob.findAll("#files li button.download").isEmpty());
                assertThat(bob.find("#files li .name").getText()).isEqualTo("report.bin");
                bob.find("#files li button.download").click();
                bob.awaitText("#files li .file-status", "SHA-256 checked, saved");
                Path saved = bob.downloads.resolve("report.bin");
                await().atMost(LONG).until(() -> Files.exists(saved) && Files.size(saved) == content.length);
                assertThat(Files.readAllBytes(saved)).isEqualTo(content);

                // the phone-sized page fits its screen; nothing went wrong in either page so far
                assertThat((Boolean) bob.js("return document.documentElement.scrollWidth <= window.innerWidth"))
                        .as("no horizontal scrolling on a phone").isTrue();
                assertThat(bob.find("#text").isDisplayed()).isTrue();
                assertThat(alice.consoleErrors()).as("alice's console").isEmpty();
                assertThat(bob.consoleErrors()).as("bob's console").isEmpty();

                // bob's network drops: his browser says so, and while he is away the others talk
                bobsNetwork.cut();
                bob.awaitText("#status", "reconnecting");
                alice.say("room1", "while bob is away, one");
                carol.type("while bob is away, two");
                dave.await(l -> l.equals("MSG \"room1\" \"carol\" \"while bob is away, two\""));
                bobsNetwork.mend();
                bob.awaitText("#status", "connected as bob");
                await().atMost(LONG).until(() -> bob.texts("room1").stream().anyMatch(t -> t.matches("— \\d+ messages? while you were away —")));
                awaitMessage(bob, "alice", "while bob is away, one");
                awaitMessage(bob, "carol", "while bob is away, two");
                bob.awaitText("#notices", "reconnected as bob");
                if (bob.find("#notices").getText().contains("your session was resumed")) {
                    // a server with resume tokens kept bob in room1: the others saw no leave and no join
                    assertThat(alice.texts("room1")).noneMatch(t -> t.contains("bob left room1"));
                    assertThat(carol.stdout()).noneMatch(l -> l.contains("* bob left room1"));
                } else {
                    // without them, bob logged in again and joined again: the others saw both
                    await().atMost(LONG).until(() -> alice.texts("room1").stream().anyMatch(t -> t.contains("bob left room1")));
                }

                // after the drop, the talk goes on both ways
                bob.say("room1", "back again");
                awaitMessage(alice, "bob", "back again");
                carol.awaitLine(l -> l.contains("[room1] bob: back again"));
                alice.say("room1", "welcome back");
                awaitMessage(bob, "alice", "welcome back");

                // bob ends with every message alice has, in the same order, once each
                assertThat(chat(bob)).as("bob's messages").isEqualTo(chat(alice));
                assertThat(ids(bob)).as("bob's room events, each once, in order").doesNotHaveDuplicates().isSorted();
                assertThat(ids(alice)).as("alice's room events, each once, in order").doesNotHaveDuplicates().isSorted();

                alice.screenshot(artifacts);
                bob.screenshot(artifacts);
            }
        }
    }

    /** Waits until the browser shows this message from this pseudo. */
    private static void awaitMessage(Browser browser, String pseudo, String text) {
        await().atMost(LONG).until(() -> browser.messages("room1").stream()
                .anyMatch(m -> pseudo.equals(m.get("pseudo")) && text.equals(m.get("text"))));
    }

    /** The messages (id, pseudo, text) of room1 as the browser shows them. */
    private static List<String> chat(Browser browser) {
        List<String> lines = new ArrayList<>();
        for (Map<String, Object> m : browser.messages("room1")) {
            if (m.get("text") != null) {
                lines.add(m.get("id") + " " + m.get("pseudo") + ": " + m.get("text"));
            }
        }
        return lines;
    }

    private static List<Long> ids(Browser browser) {
        return browser.messages("room1").stream().map(m -> m.get("id")).filter(Objects::nonNull)
                .map(id -> ((Number) id).longValue()).toList();
    }
}
