package parley.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@code parley server} child process started with this launcher's own JDK and module path, for
 * benchmarks that must measure a server in a JVM of its own (its heap, its threads).
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final InetSocketAddress address;

    private ServerProcess(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts a server on a free loopback port and waits for its {@code listening on} line.
     *
     * @param heap a {@code -Xmx} value such as {@code 64m}, or {@code null} for the JVM's default
     */
    static ServerProcess start(Path plugins, String heap, List<String> settings) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        if (heap != null) {
            command.add("-Xmx" + heap);
        }
        command.add("--enable-native-access=org.jline.nativ");
        command.add(jvmOptions());
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null) { // null in the archive's runtime, where the modules are linked in
            command.addAll(List.of("-p", modulePath));
        }
        command.addAll(List.of("-m", "parley.launcher/parley.launcher.Main",
                "server", "--host", "127.0.0.1", "--port", "0", "--plugins", plugins.toString()));
        settings.forEach(s -> command.addAll(List.of("--set", s)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("listening on ")) {
                        port.complete(Integer.parseInt(line.substring(line.lastIndexOf(':') + 1)));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException("the server process ended before it listened"));
        });
        try {
            return new ServerProcess(process, new InetSocketAddress("127.0.0.1", port.get(60, TimeUnit.SECONDS)));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("could not start a server process: " + e.getMessage(), e);
        }
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /**
     * The JVM options file this launcher was started with ({@code parley.jvm-options}, set by ./parley
     * and bin/parley), as an argument file for the server's JVM, so it runs as {@code parley server}
     * does; without one (a test's JVM), the one option of it that matters here.
     */
    static String jvmOptions() {
        String file = System.getProperty("parley.jvm-options");
        if (file != null && java.nio.file.Files.isRegularFile(Path.of(file))) {
            return "@" + file;
        }
        return "-XX:+ExitOnOutOfMemoryError";
    }
}
