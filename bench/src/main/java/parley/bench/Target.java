package parley.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server under test, started as a process of its own for each round, so that each round starts
 * from a fresh process (its resident size, its heap) and every figure can be read from its pid.
 */
abstract class Target implements AutoCloseable {

    private final String name;
    private final Wire wire;
    private Process process;
    private InetSocketAddress address;

    Target(String name, Wire wire) {
        this.name = name;
        this.wire = wire;
    }

    String name() {
        return name;
    }

    Wire wire() {
        return wire;
    }

    InetSocketAddress address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    /** The command that starts the server listening on {@code port} of 127.0.0.1. */
    abstract List<String> command(int port);

    /** Live bytes of the server's heap (after a full collection, for a JVM), or what the server counts as its own. */
    abstract long heapBytes() throws IOException;

    void start(Path log) throws IOException {
        int port = freePort();
        process = new ProcessBuilder(command(port)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        address = new InetSocketAddress("127.0.0.1", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + " before it listened; see " + log);
            }
            try (SocketChannel probe = SocketChannel.open(address)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not listen on " + address + " within 60 s; see " + log);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A JVM's live heap: a full collection, then the heap's used size (jcmd, of the bench's own JDK). */
    static long jvmLiveHeap(long pid) throws IOException {
        run(jcmd(), String.valueOf(pid), "GC.run");
        String info = run(jcmd(), String.valueOf(pid), "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IOException("no heap size in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }
}
