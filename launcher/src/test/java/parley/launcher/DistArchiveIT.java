package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive ({@code ./parley dist}), as a user gets it: unpacked into a folder of its own, run with
 * no JDK and no Maven anywhere on the PATH, a server and two clients that chat. The package phase
 * builds it; Failsafe runs this test after it.
 */
class DistArchiveIT {

    @TempDir
    Path temp;

    @Test
    void unpackedAnywhereItRunsAServerAndTwoClientsThatChatWithNoJdk() throws Exception {
        Path archive = Path.of(System.getProperty("parley.dist.archive"));
        assertThat(archive).as("the archive; ./parley dist builds it").isRegularFile();
        Path unpacked = Files.createDirectories(temp.resolve("unpacked"));
        run(new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", unpacked.toString()));
        Path home;
        try (Stream<Path> top = Files.list(unpacked)) {
            home = top.collect(java.util.stream.Collectors.toList()).getFirst();
        }
        assertThat(home.getFileName().toString()).startsWith("parley-");
        assertThat(home.resolve("runtime/bin/java")).isExecutable();
        assertThat(home.resolve("runtime/bin/javac")).doesNotExist();
        assertThat(home.resolve("bin/parley")).isExecutable();
        assertThat(home.resolve("jvm.options")).content().contains("\n-XX:+ExitOnOutOfMemoryError\n")
                .contains("\n-XX:MaxTenuringThreshold=3\n");
        assertThat(home.resolve("plugins")).isDirectoryContaining("glob:**/parley-transport-tcp.jar")
                .isDirectoryContaining("glob:**/parley-feature-rooms.jar").isDirectoryContaining("glob:**/parley-feature-files.jar");
        assertThat(home.resolve("LICENSE")).content().contains("Apache License");
        assertThat(home.resolve("README.md")).isRegularFile();
        assertThat(home.resolve("docs/parley.service")).content().contains("SuccessExitStatus=143");
        Properties config = new Properties();
        config.load(new StringReader(Files.readString(home.resolve("parley.properties"))));
        assertThat(config).as("every setting commented out").isEmpty();
        assertThat(home.resolve("parley.properties")).content().contains("#max-frame-bytes=1MiB").contains("#files.quota=1GiB");
        // the server reads it from its folder: one setting uncommented
        Files.writeString(home.resolve("parley.properties"),
                Files.readString(home.resolve("parley.properties")).replace("#rooms=room1,room2,room3", "rooms=lobby"));

        // a PATH with a shell's few tools and no java; a JAVA_HOME that is no JDK
        Path tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : List.of("dirname", "readlink", "mkdir")) {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
        Path userHome = Files.createDirectories(temp.resolve("user"));
        Path work = Files.createDirectories(temp.resolve("work"));

        try (LauncherProcess server = LauncherProcess.of(parley(home, tools, userHome, work,
                "server", "--port", "0", "--host", "127.0.0.1"))) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            assertThat(vmFlags(server.pid())).as("bin/parley runs the JVM with jvm.options")
                    .contains("-XX:+ExitOnOutOfMemoryError").contains("-XX:MaxTenuringThreshold=3");
            try (LauncherProcess alice = LauncherProcess.of(parley(home, tools, userHome, work,
                    "client", "--host", "127.0.0.1", "--port", port, "--pseudo", "alice", "--room", "lobby"))) {
                // bob starts once alice is in: started together, either may join first
                alice.awaitLine(l -> l.contains("joined lobby"), TestPlugins.LONG);
                try (LauncherProcess bob = LauncherProcess.of(parley(home, tools, userHome, work,
                        "client", "--host", "127.0.0.1", "--port", port, "--pseudo", "bob", "--room", "lobby"))) {
                    bob.awaitLine(l -> l.contains("joined lobby with") && l.contains("alice"), TestPlugins.LONG);
                    alice.awaitLine(l -> l.contains("* bob joined lobby"), TestPlugins.LONG);
                    bob.type("hello from the archive");
                    alice.awaitLine(l -> l.contains("[lobby] bob: hello from the archive"), TestPlugins.LONG);
                    alice.type("/quit");
                    assertThat(alice.waitFor(TestPlugins.LONG)).isZero();
                    bob.awaitLine(l -> l.contains("* alice left lobby"), TestPlugins.LONG);
                }
            }
            // the data beside the program, as the config's default says; nothing in the working directory
            assertThat(home.resolve("data/files")).isDirectory();
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).isEmpty();
            }
            server.terminate();
            assertThat(server.waitFor(TestPlugins.LONG)).as("SIGTERM: the JVM's exit, 128 + 15").isEqualTo(143);
        }
    }

    /** bin/parley with these arguments, in a bare environment: no JDK, no Maven. */
    private static ProcessBuilder parley(Path home, Path tools, Path userHome, Path work, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/parley").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", tools.toString());
        env.put("JAVA_HOME", "/nonexistent/jdk");
        env.put("HOME", userHome.toString());
        return builder;
    }

    /** The flags a running JVM was given, as {@code jcmd PID VM.flags} (of the JDK running this test) prints them. */
    private static String vmFlags(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), "VM.flags").redirectErrorStream(true).start();
        String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(jcmd.waitFor()).as(out).isZero();
        return out;
    }

    private static Path which(String tool) {
        for (String dir : List.of("/usr/bin", "/bin", "/usr/local/bin")) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("no " + tool + " in /usr/bin or /bin");
    }

    private static void run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(builder.command() + ": " + output).isZero();
    }
}
