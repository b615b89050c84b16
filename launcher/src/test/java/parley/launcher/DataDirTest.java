package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where data goes when the config does not say: beside the program, or else the user's data folder. */
class DataDirTest {

    @TempDir
    Path temp;

    @Test
    void aWritableParleyFolderKeepsThePluginsDefault() {
        assertThat(DataDir.fallback(temp, Map.of("XDG_DATA_HOME", "/xdg"), temp.resolve("user"))).isNull();
    }

    @Test
    void aFolderThatCannotBeWrittenSendsDataToXdgDataHome() {
        Path readOnly = temp.resolve("not-there"); // no folder: nothing can be written into it
        assertThat(DataDir.fallback(readOnly, Map.of("XDG_DATA_HOME", "/xdg"), temp.resolve("user")))
                .isEqualTo(Path.of("/xdg", "parley"));
    }

    @Test
    void withoutXdgDataHomeItIsTheUsersLocalShare() {
        Path readOnly = temp.resolve("not-there");
        assertThat(DataDir.fallback(readOnly, Map.of(), temp.resolve("user")))
                .isEqualTo(temp.resolve("user").resolve(".local").resolve("share").resolve("parley"));
        assertThat(DataDir.fallback(readOnly, Map.of("XDG_DATA_HOME", "relative/path"), temp.resolve("user")))
                .isEqualTo(temp.resolve("user").resolve(".local").resolve("share").resolve("parley"));
    }
}
