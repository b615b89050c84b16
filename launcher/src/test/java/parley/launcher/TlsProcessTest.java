package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from the command line, with the tls plugin loaded from its jar: the server prints its self-signed
 * certificate's fingerprint; {@code parley client --pin} accepts it and refuses another one;
 * {@code --tls} alone, or a {@code parleys://} address, trusts on first use and remembers the server.
 */
class TlsProcessTest {

    @TempDir
    Path temp;

    @Test
    void aClientPinsTheFingerprintTheServerPrintsOrTrustsItOnFirstUse() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.TLS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--host", "127.0.0.1",
                "--plugins", plugins.toString(), "--set", "data-dir=" + temp.resolve("data"))) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            String line = server.awaitLine(l -> l.startsWith("tls fingerprint SHA256:"), TestPlugins.LONG);
            String fingerprint = line.substring("tls fingerprint ".length());
            assertThat(temp.resolve("data").resolve("tls")).isDirectory();

            try (LauncherProcess alice = LauncherProcess.start("client", "--host", "127.0.0.1", "--port", port,
                    "--pseudo", "alice", "--pin", fingerprint, "--plugins", plugins.toString())) {
                alice.awaitLine(l -> l.contains("logged in as alice"), TestPlugins.LONG);
                alice.type("/quit");
                assertThat(alice.waitFor(TestPlugins.LONG)).isZero();
            }

            String wrong = "SHA256:" + "00:".repeat(31) + "00";
            try (LauncherProcess mallory = LauncherProcess.start("client", "--host", "127.0.0.1", "--port", port,
                    "--pseudo", "bob", "--pin", wrong, "--plugins", plugins.toString())) {
                assertThat(mallory.waitFor(TestPlugins.LONG)).isEqualTo(1);
                assertThat(String.join("\n", mallory.stderr())).contains("not the pinned " + wrong);
            }

            Path known = temp.resolve("known_servers");
            try (LauncherProcess carol = LauncherProcess.start("client", "parleys://127.0.0.1:" + port, // TLS, as --tls
                    "--pseudo", "carol", "--set", "tls.known-servers=" + known, "--plugins", plugins.toString())) {
                carol.awaitLine(l -> l.contains("logged in as carol"), TestPlugins.LONG);
                carol.type("/quit");
                assertThat(carol.waitFor(TestPlugins.LONG)).isZero();
            }
            assertThat(Files.readString(known)).isEqualTo("127.0.0.1:" + port + " " + fingerprint + System.lineSeparator());

            try (LauncherProcess typo = LauncherProcess.start("client", "https://127.0.0.1:" + port, "--pseudo", "dan",
                    "--plugins", plugins.toString())) {
                assertThat(typo.waitFor(TestPlugins.LONG)).isEqualTo(2);
                assertThat(String.join("\n", typo.stderr())).contains("bad server address 'https://127.0.0.1:" + port
                        + "': unknown scheme 'https'");
            }
        }
    }
}
