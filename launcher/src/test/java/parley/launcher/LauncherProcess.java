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
    private final StringBuilder unterminated = new StringBuilder();
    private final java.util.concurrent.CountDownLatch stdoutRead = new java.util.concurrent.CountDownLatch(1);

    private LauncherProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), out, unterminated,
                stdoutRead::countDown);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), err, null, () -> { });
    }

    static LauncherProcess start(String... args) throws IOException {
        return new LauncherProcess(new ProcessBuilder(command(List.of(), args)).start());
    }

    /** Any command, e.g. the archive's {@code bin/parley}, captured the same way. */
    static LauncherProcess of(ProcessBuilder builder) throws IOException {
        return new LauncherProcess(builder.start());
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
                "-Duser.home=" + Path.of(System.getProperty("java.io.tmpdir")).resolve("parley-test-home"),
                "-Djline.tmpdir=" + nativeDir()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-p", modulePath, "-m", "parley.launcher/parley.launcher.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** Where the client processes' JLine unpacks its native library: the build directory, not /tmp. */
    private static Path nativeDir() {
        Path dir = Path.of(System.getProperty("parley.native.dir", System.getProperty("java.io.tmpdir")));
        try {
            java.nio.file.Files.createDirectories(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return dir;
    }

    /** Waits for an output line that matches and returns it. */
    String awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        return await(out, matching, timeout);
    }

    /** Waits for a line of stderr (the logs) that matches and returns it. */
    String awaitErrLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
        return await(err, matching, timeout);
    }

    private String await(List<String> out, Predicate<String> matching, Duration timeout) throws InterruptedException {
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

    /** The process's id: the JVM's, since bin/parley and ./parley exec it. */
    long pid() {
        return process.pid();
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

    /**
     * Once the process has ended and its output is read: the text after the last line break of its
     * stdout, empty when the output ends with one.
     */
    String unterminatedOutput() throws InterruptedException {
        if (!stdoutRead.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("stdout still open; stdout: " + stdout());
        }
        synchronized (out) {
            return unterminated.toString();
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

    /** Reads lines as BufferedReader.readLine splits them (\n, \r or \r\n), keeping what follows the last break. */
    private static void pump(BufferedReader reader, List<String> lines, StringBuilder rest, Runnable atEnd) {
        Thread.ofVirtual().start(() -> {
            StringBuilder line = new StringBuilder();
            try (reader) {
                boolean afterCr = false;
                int c;
                while ((c = reader.read()) != -1) {
                    if (c == '\n' && afterCr) {
                        afterCr = false;
                        continue;
                    }
                    afterCr = c == '\r';
                    if (c == '\n' || c == '\r') {
                        synchronized (lines) {
                            lines.add(line.toString());
                            lines.notifyAll();
                        }
                        line.setLength(0);
                    } else {
                        line.append((char) c);
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            synchronized (lines) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                }
                if (rest != null) {
                    rest.append(line);
                }
                lines.notifyAll();
            }
            atEnd.run();
        });
    }
}
