package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.client.ParleyClient;

/** The server's logs as an operator reads them: dated lines on stderr, after the start-up report. */
class LoggingProcessTest {

    private static final Pattern DATED = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3} .*");

    @TempDir
    Path temp;

    @Test
    void connectionsAndLoginsAreLoggedWithTheirDateAddressProtocolAndReason() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--host", "127.0.0.1",
                "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
            }
            String opened = server.awaitErrLine(l -> l.contains("connection opened:"), TestPlugins.LONG);
            assertThat(opened).matches(DATED).contains("INFO").contains("127.0.0.1").contains("tcp/framed");
            assertThat(server.awaitErrLine(l -> l.contains("login: alice"), TestPlugins.LONG)).matches(DATED);
            assertThat(server.awaitErrLine(l -> l.contains("logout: alice"), TestPlugins.LONG)).matches(DATED);
            String closed = server.awaitErrLine(l -> l.contains("connection closed:"), TestPlugins.LONG);
            assertThat(closed).matches(DATED).contains("tcp/framed").contains("127.0.0.1");
            assertThat(server.stdout()).filteredOn(l -> l.contains("listening on")).hasSize(1);
            assertThat(server.stderr()).noneMatch(l -> l.contains("listening on"));
        }
    }

    @Test
    void anUnknownSettingIsWarnedOnceInTheReport() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString(),
                "--set", "max-frame-byte=2MiB")) {
            server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).filteredOn(l -> l.contains("unknown setting 'max-frame-byte'")).hasSize(1);
            assertThat(server.stderr()).noneMatch(l -> l.contains("unknown setting"));
        }
    }

    @Test
    void logLevelWarnLeavesOutTheInfoLinesAndABadLevelIsNamed() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--log-level", "warn",
                "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
            }
            server.terminate();
            server.waitFor(TestPlugins.LONG);
            assertThat(server.stderr()).noneMatch(l -> l.contains(" INFO "));
        }
        try (LauncherProcess bad = LauncherProcess.start("server", "--log-level", "loud", "--plugins", plugins.toString())) {
            assertThat(bad.waitFor(TestPlugins.LONG)).isEqualTo(2);
            assertThat(String.join("\n", bad.stderr())).contains("unknown --log-level 'loud'").contains("error, warn, info, debug, trace");
        }
    }
}
