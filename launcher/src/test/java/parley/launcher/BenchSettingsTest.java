package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Config;
import parley.api.spi.Benchmark;
import parley.api.spi.BenchmarkContext;

/** The server settings {@code parley bench} gives the server process it starts. */
class BenchSettingsTest {

    @TempDir
    Path temp;

    @Test
    void benchmarksConfigureTheServerAndTheUsersServerSetWins() {
        Benchmark big = new Fixture("big", (options, dir) -> Map.of(
                "files.max-size", options.raw("size"),
                "files.spool-dir", dir.resolve("spool").toString()));
        Benchmark plain = new Fixture("plain", (options, dir) -> Map.of());

        List<String> settings = BenchCommand.serverSettings(List.of(big, plain),
                Config.of(Map.of("size", "2GiB")), temp, List.of("files.max-size=3GiB", "keepalive=5s"));

        assertThat(settings).containsExactly(
                "files.max-size=3GiB",
                "files.spool-dir=" + temp.resolve("spool"),
                "keepalive=5s");
    }

    @Test
    void aBenchmarkAsksForNothingByDefault() {
        Benchmark quiet = new Benchmark() {
            @Override
            public String name() {
                return "quiet";
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public void run(BenchmarkContext context) {
            }
        };
        assertThat(BenchCommand.serverSettings(List.of(quiet), Config.empty(), temp, List.of())).isEmpty();
    }

    private record Fixture(String name, java.util.function.BiFunction<Config, Path, Map<String, String>> settings)
            implements Benchmark {

        @Override
        public String description() {
            return name;
        }

        @Override
        public Map<String, String> serverSettings(Config options, Path serverDir) {
            return new java.util.TreeMap<>(settings.apply(options, serverDir));
        }

        @Override
        public void run(BenchmarkContext context) {
        }
    }
}
