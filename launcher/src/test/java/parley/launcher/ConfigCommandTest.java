package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley config}: the config file the archive ships, with every setting at its default. */
class ConfigCommandTest {

    @TempDir
    Path temp;

    @Test
    void listsEverySettingCommentedOutAndUncommentedItStartsAServerWithNoWarning() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.VOTE,
                TestPlugins.FILES, TestPlugins.P2P);
        List<String> lines;
        try (LauncherProcess config = LauncherProcess.start("config", "--plugins", plugins.toString())) {
            assertThat(config.waitFor(TestPlugins.LONG)).isZero();
            lines = config.stdout();
        }
        String text = String.join("\n", lines);
        Properties asIs = new Properties();
        asIs.load(new StringReader(text));
        assertThat(asIs).isEmpty();
        assertThat(lines).contains("#max-frame-bytes=1MiB", "#idle-timeout=90s", "#rooms=room1,room2,room3",
                "#files.quota=1GiB", "#vote.max-options=10", "#p2p.relay-max-bytes=64MiB");
        assertThat(lines).noneMatch(l -> l.startsWith("#p2p.accept")); // a client setting

        // every line uncommented: each key is one the server reads, each value one it accepts
        Path file = temp.resolve("parley.properties");
        Files.write(file, lines.stream()
                .map(l -> l.matches("#[a-z][a-z0-9.-]*=.*") ? l.substring(1) : l)
                .map(l -> l.startsWith("port=") ? "port=0" : l)
                .map(l -> l.startsWith("data-dir=") ? "data-dir=" + temp.resolve("data").toString().replace("\\", "/") : l)
                .toList());
        try (LauncherProcess server = LauncherProcess.start("server", "--host", "127.0.0.1", "--config", file.toString(),
                "--plugins", plugins.toString())) {
            server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).noneMatch(l -> l.contains("WARNING"));
        }
    }
}
