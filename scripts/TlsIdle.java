import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What an idle logged-in connection costs the server, in plain text and in TLS, in one run: starts
 * {@code ./parley server} of a tree (its plugins/, -Xmx256m, a fresh data-dir), opens N connections that
 * each send LOGIN and read the answer, lets them sit idle, and reports the server's live heap (after a
 * full GC, {@code jcmd GC.run} then {@code GC.heap_info}) and RSS per connection, as the difference
 * before and after; then the same with TLS. Each kind is warmed up first with 200 connections opened
 * and closed, so the classes they load are not counted.
 *
 * <p>usage: {@code java scripts/TlsIdle.java [--count N] [--root TREE]} (default 2000 connections of each
 * kind, the tree the command runs in); needs the tree built ({@code ./parley build}) and a JDK 21+.
 * The client trusts any certificate: it measures the server, and the server's certificate is the
 * self-signed one it makes in its data-dir.
 */
public final class TlsIdle {

    public static void main(String[] args) throws Exception {
        int count = 2000;
        Path root = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--root" -> root = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: java scripts/TlsIdle.java [--count N] [--root TREE]; unknown: " + args[i]);
                    System.exit(2);
                }
            }
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path data = Files.createTempDirectory("tls-idle");
        ProcessBuilder builder = new ProcessBuilder(root.resolve("parley").toString(), "server", "--host", "127.0.0.1",
                "--port", String.valueOf(port), "--set", "data-dir=" + data, "--set", "max-connections=" + (2 * count + 1000))
                .redirectErrorStream(true).redirectOutput(data.resolve("server.log").toFile());
        builder.environment().put("PARLEY_JAVA_OPTS", "-Xmx256m");
        Process server = builder.start();
        try {
            awaitPort(port, server, data);
            long pid = server.pid(); // ./parley execs the JVM
            System.out.printf("server pid %d on port %d, log %s%n", pid, port, data.resolve("server.log"));
            for (boolean tls : new boolean[] {false, true}) {
                closeAll(open(port, 200, tls, "warm" + (tls ? "t" : "p")));
                TimeUnit.SECONDS.sleep(2);
                long heap0 = heap(pid);
                long rss0 = rss(pid);
                List<Socket> idle = open(port, count, tls, "idle" + (tls ? "t" : "p"));
                TimeUnit.SECONDS.sleep(3); // the server's idle readers end 0.5 to 1 s after their last byte
                long heap1 = heap(pid);
                long rss1 = rss(pid);
                System.out.printf("%-5s %d idle logged-in connections: heap %.2f KB, RSS %.2f KB per connection%n",
                        tls ? "tls" : "plain", count, (heap1 - heap0) / 1024.0 / count, (rss1 - rss0) / 1024.0 / count);
                closeAll(idle);
            }
        } finally {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void awaitPort(int port, Process server, Path data) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("the server exited: see " + data.resolve("server.log"));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
        throw new IOException("the server did not listen on " + port + " within 120 s: see " + data.resolve("server.log"));
    }

    private static List<Socket> open(int port, int count, boolean tls, String prefix) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket plain = new Socket("127.0.0.1", port);
            Socket socket = plain;
            if (tls) {
                SSLSocket secure = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", port, true);
                secure.startHandshake();
                socket = secure;
            }
            sockets.add(socket);
            byte[] login = ("{\"type\":\"LOGIN\",\"pseudo\":\"" + prefix + i + "\"}").getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(4 + login.length).putInt(login.length).put(login).array());
            out.flush();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] answer = new byte[in.readInt()];
            in.readFully(answer);
            String text = new String(answer, StandardCharsets.UTF_8);
            if (!text.startsWith("{\"type\":\"DISPLAY_ROOM\"")) {
                throw new IOException("LOGIN " + prefix + i + " was answered " + text);
            }
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
    }

    private static long heap(long pid) throws Exception {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = Pattern.compile("used (\\d+)K").matcher(info);
        if (!used.find()) {
            throw new IOException("no heap size in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static long rss(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    private static String jcmd(long pid, String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("jcmd " + pid + " " + command + " failed: " + out);
        }
        return out;
    }

    /** Trusts any server: this measures the server, whose certificate is the self-signed one of a fresh data-dir. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
