package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line itself: versions, help texts, exit codes and the reasons given for errors. */
class CommandLineTest {

    @TempDir
    Path temp;

    @Test
    void everyCommandPrintsTheVersion() throws Exception {
        for (List<String> args : List.of(List.of("--version"), List.of("-V"), List.of("server", "--version"),
                List.of("client", "-V"), List.of("plugins", "--version"), List.of("config", "-V"))) {
            try (LauncherProcess version = LauncherProcess.start(args.toArray(String[]::new))) {
                assertThat(version.waitFor(TestPlugins.LONG)).as(args.toString()).isZero();
                assertThat(version.stdout()).as(args.toString())
                        .anyMatch(l -> l.matches("parley \\d+\\.\\d+\\.\\d+.* \\(kernel API \\d+\\)"));
            }
        }
    }

    @Test
    void serverHelpShowsDefaultsAsWrittenAndNeverWrapsToColumnZero() throws Exception {
        try (LauncherProcess help = LauncherProcess.start("server", "--help")) {
            assertThat(help.waitFor(TestPlugins.LONG)).isZero();
            List<String> lines = help.stdout();
            String text = String.join("\n", lines);
            assertThat(text).contains("(default 90s)").contains("(default 1MiB)").contains("(default 30s)")
                    .contains("(default 10m)").doesNotContain("PT").doesNotContain("1048576");
            assertThat(text).contains("Exit codes:").contains("2   usage error");
            List<String> settings = lines.subList(lines.indexOf("Settings (give them with --set key=value or in a --config file):") + 1,
                    lines.size());
            assertThat(settings).isNotEmpty().allMatch(l -> l.isEmpty() || l.startsWith("  "));
            assertThat(settings).anyMatch(l -> l.startsWith("  idle-timeout "));
        }
    }

    @Test
    void aMissingConfigFileIsAUsageErrorThatSaysSo() throws Exception {
        Path missing = temp.resolve("nonexistent.properties");
        try (LauncherProcess server = LauncherProcess.start("server", "--config", missing.toString())) {
            assertThat(server.waitFor(TestPlugins.LONG)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr()))
                    .contains("cannot read the config file " + missing + ": no such file");
        }
    }

    @Test
    void anUnknownOptionIsAUsageError() throws Exception {
        try (LauncherProcess server = LauncherProcess.start("server", "--no-such-option")) {
            assertThat(server.waitFor(TestPlugins.LONG)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr())).contains("Unknown option: '--no-such-option'");
        }
    }

    @Test
    void aBadPluginSettingIsAUsageErrorNamingIt() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.FILES);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString(),
                "--set", "files.keep-for=forever")) {
            assertThat(server.waitFor(TestPlugins.LONG)).isEqualTo(2);
            assertThat(String.join("\n", server.stderr())).contains("setting 'files.keep-for'").contains("'forever'");
        }
    }

    @Test
    void pluginsListTheirDefaultsAsWritten() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.FILES, TestPlugins.P2P);
        try (LauncherProcess list = LauncherProcess.start("plugins", "--plugins", plugins.toString())) {
            assertThat(list.waitFor(TestPlugins.LONG)).isZero();
            String text = String.join("\n", list.stdout());
            assertThat(text).contains("files.max-size = 100MiB").contains("files.keep-for = 24h")
                    .contains("p2p.accept = ask").contains("p2p.relay-max-duration = 10m")
                    .doesNotContain("= PT").doesNotContain("= ASK");
        }
    }
}
