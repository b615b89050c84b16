package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./parley new-plugin}: the project it makes builds, and its test (a real server with the plugin)
 * passes, with Maven offline. The reactor's parley-api, test kit and TCP transport are put in a local
 * repository of the test's own, chained before ~/.m2 (which holds Maven's plugins and JUnit), so the
 * build neither needs nor changes an installed Parley.
 */
class NewPluginTest {

    private static final Path ROOT = Path.of(System.getProperty("parley.root")).toAbsolutePath().normalize();
    private static final String VERSION = Main.Version.number().equals("dev") ? "0.1.0" : Main.Version.number();

    @TempDir
    Path temp;

    @Test
    void theNewProjectBuildsAndItsServerTestPassesOffline() throws Exception {
        Path repo = temp.resolve("repo");
        assumeTrue(stage(repo, "parley-parent", ROOT.resolve("pom.xml"), null), "no root pom");
        for (String module : List.of("api:parley-api", "testkit:parley-testkit", "transport-tcp:parley-transport-tcp")) {
            String[] parts = module.split(":");
            Path jar = ROOT.resolve(parts[0]).resolve("target").resolve(parts[1] + "-" + VERSION + ".jar");
            assumeTrue(Files.exists(jar), "the reactor has not packaged " + jar + " yet (run the whole build)");
            stage(repo, parts[1], ROOT.resolve(parts[0]).resolve("pom.xml"), jar);
        }
        Path work = temp.resolve("work");
        Files.createDirectories(work);

        Process make = new ProcessBuilder("bash", ROOT.resolve("parley").toString(), "new-plugin", "greet", work.toString())
                .redirectErrorStream(true).start();
        String made = new String(make.getInputStream().readAllBytes());
        assertThat(make.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(make.exitValue()).as(made).isZero();
        Path project = work.resolve("greet");
        assertThat(project.resolve("pom.xml")).exists();
        assertThat(project.resolve("src/main/java/module-info.java")).exists();

        Path log = temp.resolve("build.log");
        ProcessBuilder build = new ProcessBuilder(ROOT.resolve("mvnw").toString(), "-o", "-B", "-q", "package",
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + Path.of(System.getProperty("user.home"), ".m2", "repository"))
                .directory(project.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        build.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process maven = build.start();
        if (!maven.waitFor(8, TimeUnit.MINUTES)) {
            maven.destroyForcibly();
            throw new AssertionError("the new plugin's build ran past 8 minutes; its log: " + Files.readString(log));
        }
        assertThat(maven.exitValue()).as(Files.readString(log)).isZero();
        assertThat(project.resolve("target/greet-plugin.jar")).exists();
        assertThat(project.resolve("target/surefire-reports")).isDirectoryContaining(p -> p.toString().endsWith("GreetCommandTest.txt"));
        assertThat(Files.readString(project.resolve("target/surefire-reports/example.greet.GreetCommandTest.txt")))
                .contains("Tests run: 1, Failures: 0, Errors: 0");

        Process again = new ProcessBuilder("bash", ROOT.resolve("parley").toString(), "new-plugin", "greet", work.toString())
                .redirectErrorStream(true).start();
        String refused = new String(again.getInputStream().readAllBytes());
        assertThat(again.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).isEqualTo(2);
        assertThat(refused).contains("already exists");
    }

    /** Puts a pom (and its jar) where a local repository keeps parley:ARTIFACT:VERSION. */
    private static boolean stage(Path repo, String artifact, Path pom, Path jar) throws IOException {
        if (!Files.exists(pom)) {
            return false;
        }
        Path dir = Files.createDirectories(repo.resolve("parley").resolve(artifact).resolve(VERSION));
        Files.copy(pom, dir.resolve(artifact + "-" + VERSION + ".pom"));
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + VERSION + ".jar"));
        }
        return true;
    }
}
