package parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line of a Parley server under test: its tree's JVM options, then the benchmark's own. */
class ParleyTargetTest {

    @TempDir
    Path temp;

    @Test
    void aTreeWithAJvmOptionsFileRunsWithItAndAnOlderTreeWithTheOneOptionItHad() throws Exception {
        Path tree = Files.createDirectories(temp.resolve("tree"));
        ParleyTarget older = new ParleyTarget("old", tree, temp.resolve("plugins"), "256m", List.of(), List.of("-Dx=1"));
        assertThat(older.command(7777)).containsSubsequence("-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Dx=1")
                .noneMatch(a -> a.startsWith("@"));

        Path options = Files.createDirectories(tree.resolve("launcher/src/dist")).resolve("jvm.options");
        Files.writeString(options, "-XX:MaxTenuringThreshold=3\n");
        ParleyTarget newer = new ParleyTarget("new", tree, temp.resolve("plugins"), "256m", List.of(), List.of("-Dx=1"));
        assertThat(newer.command(7777)).as("the tree's file first, so the benchmark's own options win")
                .containsSubsequence("-Xmx256m", "@" + options, "-Dx=1", "server");
    }
}
