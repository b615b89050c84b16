package parley.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The {@code parley} launcher as a real process (a server, or the interactive terminal client), run as
 * {@code ./parley} runs it: the launcher's module path staged by this module's build, the plugins from
 * a plugins directory. Its output is kept line by line.
 */
final class ParleyProcess implements AutoCloseable {

    static final Duration LONG = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final Writer in;

    private ParleyProcess(Process process) {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        pump(process.getInputStream(), out);
        pump(process.getErrorStream(), err);
    }

    /** A server on a free loopback port with the staged plugins (TCP, TLS, rooms, vote, files, history, web). */
    static ParleyProcess server(Path dataDir) throws IOException {
        return server(dataDir, 0);
    }

    /** A server on this loopback port (0: a free one). */
    static ParleyProcess server(Path dataDir, int port) throws IOException {
        return start(dataDir, List.of("server", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--plugins", plugins().toString(), "--set", "data-dir=" + dataDir));
    }

    /** The terminal client, logged in as {@code pseudo} and in {@code room}. */
    static ParleyProcess client(Path home, int port, String pseudo, String room) throws IOException {
        return start(home, List.of("client", "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--pseudo", pseudo, "--room", room, "--plugins", plugins().toString()));
    }

    static Path plugins() {
        return Path.of(System.getProperty("parley.plugins.dir"));
    }

    private static ParleyProcess start(Path home, List<String> args) throws IOException {
        Files.createDirectories(home);
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=org.jline.nativ",
                "-Duser.home=" + home, "-Djline.tmpdir=" + home,
                "-p", System.getProperty("parley.launcher.dir"), "-m", "parley.launcher/parley.launcher.Main"));
        command.addAll(args);
        return new ParleyProcess(new ProcessBuilder(command).directory(home.toFile()).start());
    }

    /** The port of the server's {@code listening on HOST:PORT} line. */
    int awaitPort() throws InterruptedException {
        String line = awaitLine(l -> l.startsWith("listening on "));
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1).trim());
    }

    /** Waits for an output line that matches, and returns it. */
    String awaitLine(Predicate<String> matching) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        synchronized (out) {
            int seen = 0;
            while (System.nanoTime() < deadline) {
                for (; seen < out.size(); seen++) {
                    if (matching.test(out.get(seen))) {
                        return out.get(seen);
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                out.wait(200);
            }
        }
        throw new AssertionError("no matching line within " + LONG + "; stdout: " + stdout() + "; stderr: " + stderr());
    }

    /** Types a line, as at the terminal. */
    void type(String line) throws IOException {
        in.write(line + "\n");
        in.flush();
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

    /** Stops it as Ctrl-C or a service manager does (SIGTERM), and waits until it has exited. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(LONG.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)) {
            throw new AssertionError("still running " + LONG + " after SIGTERM; stderr: " + stderr());
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static void pump(java.io.InputStream stream, List<String> lines) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
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
