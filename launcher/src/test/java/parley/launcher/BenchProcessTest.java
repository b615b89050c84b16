package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code parley bench}: finds the plugins' benchmarks and runs them against a server process. */
class BenchProcessTest {

    @TempDir
    Path temp;

    @Test
    void listsAndRunsTheChatBenchmarkAgainstASmallHeapServer() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess list = LauncherProcess.start("bench", "--list", "--plugins", plugins.toString())) {
            assertThat(list.waitFor(TestPlugins.LONG)).isZero();
            assertThat(list.stdout()).anyMatch(l -> l.startsWith("chat"));
        }
        try (LauncherProcess bench = LauncherProcess.start("bench", "chat", "--plugins", plugins.toString(),
                "--server-heap", "64m", "--set", "clients=4", "--set", "messages=25")) {
            assertThat(bench.waitFor(TestPlugins.LONG)).isZero();
            String text = String.join("\n", bench.stdout());
            assertThat(text).contains("server heap -Xmx64m").contains("deliveries").contains("300.0 msgs")
                    .contains("delivery rate").contains("latency p99");
        }
    }

    @Test
    void unknownBenchmarkIsExplained() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        try (LauncherProcess bench = LauncherProcess.start("bench", "nope", "--plugins", plugins.toString())) {
            assertThat(bench.waitFor(TestPlugins.LONG)).isEqualTo(1);
            assertThat(String.join("\n", bench.stderr())).contains("no such benchmark").contains("--list");
        }
    }
}
