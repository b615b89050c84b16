package parley.files.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import parley.api.Config;
import parley.files.FilesSettings;

/**
 * The server that {@code ./parley bench files} starts takes a file of the size asked for: every files
 * limit that could refuse it is raised (a 1 GiB run was once refused by {@code files.user-quota}, which
 * the benchmark did not know of). The launcher's {@code FilesProcessTest} runs the benchmark itself, with
 * a file below the defaults.
 */
class FilesBenchmarkSettingsTest {

    @ParameterizedTest
    @ValueSource(strings = {"1KiB", "256MiB", "1GiB", "5GiB"})
    void everyLimitOnOneFileFitsTheSizeAskedFor(String size) {
        Config options = Config.of(Map.of("size", size));
        long bytes = options.get(FilesBenchmark.SIZE);
        Config server = Config.of(new FilesBenchmark().serverSettings(options, Path.of("/tmp/bench")));

        assertThat(server.get(FilesSettings.MAX_SIZE)).isGreaterThanOrEqualTo(bytes);
        assertThat(server.get(FilesSettings.QUOTA)).isGreaterThanOrEqualTo(bytes);
        assertThat(server.get(FilesSettings.USER_QUOTA)).isGreaterThanOrEqualTo(bytes);
    }
}
