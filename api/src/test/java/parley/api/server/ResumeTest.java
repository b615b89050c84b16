package parley.api.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import parley.api.Authenticator.Decision;
import parley.api.Config;
import parley.api.Message;
import parley.api.ResumeListener;
import parley.api.ServerContext;
import parley.api.Session;
import parley.api.Verbs;
import parley.api.plugin.Plugin;

/**
 * The kernel's half of resuming: tokens in the LOGIN answer, a drop that parks the session, a LOGIN with
 * {@code resume} that takes its place once, and the {@link ResumeListener} contract.
 */
class ResumeTest {

    private final AtomicReference<ServerContext> context = new AtomicReference<>();
    /** What the plugin saw, in order: "closed alice resumable=true", "resumed 3->5", "ended alice: ...". */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private KernelFixture kernel;

    private void start(String window) {
        kernel = KernelFixture.start(Config.of(Map.of("resume-window", window)),
                Plugin.builder("watcher").feature(() -> Features.starting(context, c -> {
                    c.sessions().onClose((session, pseudo, reason) ->
                            seen.add("closed " + pseudo + " resumable=" + session.resumable()));
                    c.onResume(new ResumeListener() {
                        @Override
                        public void resumed(Session before, Session after, Message answer) {
                            seen.add("resumed " + before.id() + "->" + after.id() + " as " + after.pseudo());
                            answer.put("kept", "yes");
                        }

                        @Override
                        public void ended(Session before, String pseudo, String reason) {
                            seen.add("ended " + pseudo + ": " + reason);
                        }
                    });
                    c.addAuthenticator((session, pseudo, login) -> "secret".equals(login.text("password"))
                            ? Decision.accept() : Decision.pass());
                })).build());
    }

    @AfterEach
    void stop() {
        kernel.close();
    }

    private static Message login(String pseudo) {
        return Message.of(Verbs.LOGIN).put("pseudo", pseudo);
    }

    private static Message resume(String pseudo, String token) {
        return login(pseudo).put("resume", token);
    }

    @Test
    void aDroppedSessionResumesOnceWithItsPseudoAndItsAuthentication() {
        start("2m");
        MemoryConnection alice = kernel.connect();
        Message first = alice.call(login("alice").put("password", "secret"));
        String token = first.text("resume");
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        long before = alice.session().id();

        alice.hangUp();
        assertThat(seen).containsExactly("closed alice resumable=true");

        MemoryConnection back = kernel.connect();
        Message answer = back.call(resume("ALICE", token));
        assertThat(answer.type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(answer.get("resumed").booleanValue()).isTrue();
        assertThat(answer.text("kept")).isEqualTo("yes");
        assertThat(answer.text("resume")).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(token);
        assertThat(back.session().pseudo()).as("the pseudo as it was first given").isEqualTo("alice");
        assertThat(back.session().authenticated()).isTrue();
        assertThat(seen).containsExactly("closed alice resumable=true",
                "resumed " + before + "->" + back.session().id() + " as alice");

        MemoryConnection replay = kernel.connect();
        Message again = replay.call(resume("alice", token));
        assertThat(again.type()).isEqualTo(Verbs.KO);
        assertThat(again.text("reason")).contains("resume refused").contains("log in without resume");
    }

    @Test
    void aTokenWorksOnlyForItsPseudoAndNotWhileItsSessionIsOpen() {
        start("2m");
        MemoryConnection alice = kernel.connect();
        String aliceToken = alice.call(login("alice")).text("resume");
        MemoryConnection bob = kernel.connect();
        bob.call(login("bob"));

        MemoryConnection thief = kernel.connect();
        Message stolen = thief.call(resume("alice", aliceToken));
        assertThat(stolen.type()).as("alice is still connected").isEqualTo(Verbs.KO);
        assertThat(stolen.text("reason")).contains("still connected");
        assertThat(alice.isOpen()).isTrue();
        assertThat(thief.session().pseudo()).isNull();

        bob.hangUp();
        assertThat(thief.call(resume("bob", aliceToken)).type()).as("alice's token for bob").isEqualTo(Verbs.KO);
        assertThat(thief.call(resume("bob", "x".repeat(43))).type()).as("a made-up token").isEqualTo(Verbs.KO);
        Message tooLong = thief.call(resume("bob", "x".repeat(500)));
        assertThat(tooLong.text("reason")).contains("token of your last LOGIN answer");
        assertThat(seen).doesNotContain("resumed");
    }

    @Test
    void aCloseOnPurposeIsNotResumable() {
        start("2m");
        MemoryConnection alice = kernel.connect();
        String token = alice.call(login("alice")).text("resume");
        alice.session().close("logged out"); // what BYE, a kick, or any plugin's close does

        assertThat(seen).containsExactly("closed alice resumable=false");
        assertThat(kernel.connect().call(resume("alice", token)).type()).isEqualTo(Verbs.KO);
    }

    @Test
    void aPlainLoginThatTakesThePseudoEndsTheWindowBeforeItsAnswer() {
        start("2m");
        MemoryConnection alice = kernel.connect();
        String token = alice.call(login("alice")).text("resume");
        alice.hangUp();

        MemoryConnection other = kernel.connect();
        other.send(login("alice"));
        assertThat(seen).as("ended before the new login's answer went out")
                .containsExactly("closed alice resumable=true", "ended alice: connection lost, and alice was taken by a new login");
        assertThat(other.next().type()).isEqualTo(Verbs.DISPLAY_ROOM);
        assertThat(kernel.connect().call(resume("alice", token)).type()).isEqualTo(Verbs.KO);
    }

    @Test
    void aPluginMayEndAWindowNowForABanOrAKickOfSomeoneAway() {
        start("2m");
        MemoryConnection alice = kernel.connect();
        String token = alice.call(login("alice")).text("resume");
        MemoryConnection bob = kernel.connect();
        bob.call(login("bob"));
        alice.hangUp();

        assertThat(context.get().sessions().endResume("bob", "banned")).as("bob is connected: untouched").isFalse();
        assertThat(context.get().sessions().endResume("nobody", "banned")).isFalse();
        assertThat(context.get().sessions().endResume("ALICE", "banned by an operator")).isTrue();
        assertThat(seen).containsExactly("closed alice resumable=true", "ended alice: banned by an operator");
        assertThat(kernel.connect().call(resume("alice", token)).type()).isEqualTo(Verbs.KO);
        assertThat(bob.isOpen()).isTrue();
    }

    @Test
    void theWindowEndsUnusedAndTheTokenExpires() {
        start("300ms");
        MemoryConnection alice = kernel.connect();
        String token = alice.call(login("alice")).text("resume");
        alice.hangUp();

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.contains("ended alice: connection lost, not back within 300ms"));
        assertThat(kernel.connect().call(resume("alice", token)).type()).isEqualTo(Verbs.KO);
    }

    @Test
    void aWindowOfZeroGivesNoTokenAndRefusesResumes() {
        start("0s");
        MemoryConnection alice = kernel.connect();
        Message answer = alice.call(login("alice"));
        assertThat(answer.has("resume")).isFalse();
        alice.hangUp();
        assertThat(seen).containsExactly("closed alice resumable=false");
        Message refused = kernel.connect().call(resume("alice", "x".repeat(43)));
        assertThat(refused.text("reason")).contains("resume-window is 0");
    }
}
