package parley.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** The launcher run as a real process, as ./parley runs it, with its output captured line by line. */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Writer in;

    private LauncherProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), out);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), err);
    }

    static LauncherProcess start(String... args) throws IOException {
        return new LauncherProcess(new ProcessBuilder(command(List.of(), args)).start());
    }

    /** As {@link #start}, with these JVM options, e.g. {@code -Xmx64m}. */
    static LauncherProcess withJvmOptions(List<String> options, String... args) throws IOException {
        return new LauncherProcess(new ProcessBuilder(command(options, args)).start());
    }

    /**
     * As {@link #start}, in a process that may not write files over {@code kib} KiB (the shell's
     * {@code ulimit -f}): a write past it fails with "File too large", as on a full disk. POSIX shells only.
     */
    static LauncherProcess withFileSizeLimit(long kib, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", "-c", "ulimit -f " + kib + " && exec \"$@\"", "bash"));
        command.addAll(command(List.of(), args));
        return new LauncherProcess(new ProcessBuilder(command).start());
    }

    private static List<String> command(List<String> jvmOptions, String... args) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String modulePath = System.getProperty("parley.classes") + java.io.File.pathSeparator + System.getProperty("parley.lib");
        List<String> command = new ArrayList<>(List.of(javaBin, "--enable-native-access=org.jline.nativ",
                "-Duser.home=" + Path.of(System.getProperty("java.io.tmpdir")).resolve("parley-test-home")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-p", modulePath, "-m", "parley.launcher/parley.launcher.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Waits for an output line that matches and returns it. */
    String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        while (System.nanoTime() < deadline) {
            synchronized (out) {
                for (; seen < out.size(); seen++) {
                    if (matching.test(out.get(seen))) {
                        return out.get(seen);
                    }
                }
                if (!process.isAlive() && seen == out.size()) {
                    break;
                }
                out.wait(100);
            }
        }
        throw new AssertionError("no matching line within " + timeout + "; stdout: " + stdout() + "; stderr: " + stderr());
    }

    /** The port from the server's "listening on HOST:PORT" line. */
    int awaitListening(Duration timeout) throws InterruptedException {
        String line = awaitLine(l -> l.startsWith("listening on "), timeout);
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    void type(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
    }

    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + timeout + "; stdout: " + stdout() + "; stderr: " + stderr());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as Ctrl-C or a service manager would. */
    void terminate() {
        process.destroy();
    }

    List<String> stdout() {
        synchronized (out) {
            return List.copyOf(out);
        }
    }

    List<String> stderr() {
        synchronized (err) {
            return List.copyOf(err);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void pump(BufferedReader reader, List<String> lines) {
        Thread.ofVirtual().start(() -> {
            try (reader) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            synchronized (lines) {
                lines.notifyAll();
            }
        });
    }
}
