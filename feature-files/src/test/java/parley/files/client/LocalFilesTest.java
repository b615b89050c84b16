package parley.files.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's last line of defence: a name from the server never leaves the chosen directory. */
class LocalFilesTest {

    @TempDir
    Path root;

    @Test
    void aHostileNameFromTheServerStaysInTheDirectory() throws Exception {
        Path dir = Files.createDirectories(root.resolve("in"));
        for (String name : new String[] {"../../out.txt", "/tmp/abs.txt", "..", "a/../../b", "sub/dir/c.txt"}) {
            Path part = Files.writeString(dir.resolve(".part-" + name.hashCode()), name);
            Path placed = LocalFiles.place(part, dir, name);
            assertThat(placed.getParent()).as(name).isEqualTo(dir);
            assertThat(Files.readString(placed)).isEqualTo(name);
        }
        assertThat(Files.list(root).toList()).containsExactly(dir);
    }

    @Test
    void takenNamesGetANumber() throws Exception {
        Path dir = Files.createDirectories(root.resolve("in"));
        Files.writeString(dir.resolve("a.txt"), "old");
        Files.writeString(dir.resolve("a (1).txt"), "old too");
        Path placed = LocalFiles.place(Files.writeString(dir.resolve(".p"), "new"), dir, "a.txt");
        assertThat(placed.getFileName().toString()).isEqualTo("a (2).txt");
        assertThat(Files.readString(dir.resolve("a.txt"))).isEqualTo("old");
        assertThat(LocalFiles.numbered("README", 3)).isEqualTo("README (3)");
    }
}
