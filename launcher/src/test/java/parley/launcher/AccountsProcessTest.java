package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The accounts plugin from the terminal client: /register asks for the password twice, a later client
 * that logs in as that pseudo is asked for it, and {@code --password-file} logs in with no question. (The
 * client runs without a terminal here, where nothing typed is echoed anyway: that a terminal does not
 * show a password is JLine's mask, not shown by this test.)
 */
class AccountsProcessTest {

    private static final String ACCOUNTS = "parley-feature-accounts";

    @TempDir
    Path temp;

    @Test
    void registerThenTheClientAsksForThePasswordOrReadsItsFile() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, ACCOUNTS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString(),
                "--set", "data-dir=" + temp.resolve("data"), "--set", "accounts.hash-iterations=1000")) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("logged in as alice"), TestPlugins.LONG);
                alice.type("/register");
                alice.type("correct horse 42");
                alice.type("correct horse 42");
                alice.awaitLine(l -> l.contains("registered 'alice': from now on, log in with this password"), TestPlugins.LONG);
                alice.type("/quit");
                assertThat(alice.waitFor(TestPlugins.LONG)).isZero();
                assertThat(alice.stdout()).as("the client never prints a password").noneMatch(l -> l.contains("correct horse 42"));
            }
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("! password needed: 'alice' is registered"), TestPlugins.LONG);
                alice.type("not the password");
                alice.awaitLine(l -> l.contains("! password wrong for 'alice'"), TestPlugins.LONG);
                alice.type("correct horse 42");
                alice.awaitLine(l -> l.contains("logged in as alice"), TestPlugins.LONG);
                alice.type("/quit");
                assertThat(alice.waitFor(TestPlugins.LONG)).isZero();
                assertThat(alice.stdout()).as("the client never prints a password")
                        .noneMatch(l -> l.contains("correct horse 42") || l.contains("not the password"));
            }
            Path file = Files.writeString(temp.resolve("password"), "correct horse 42\n");
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--password-file", file.toString(), "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("logged in as alice"), TestPlugins.LONG);
                assertThat(alice.stdout()).noneMatch(l -> l.contains("password needed"));
                alice.type("/quit");
                assertThat(alice.waitFor(TestPlugins.LONG)).isZero();
            }
        }
    }
}
