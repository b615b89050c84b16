package parley.transport.tls;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import parley.api.Config;
import parley.api.Message;
import parley.api.Request;
import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.server.ParleyServer;
import parley.api.spi.Command;

/**
 * Real servers on a free loopback port with the plugins of the test module path (TCP, TLS) and
 * {@code CONN}, which answers {@code CONN_IS} with the session's protocol and whether it is secure; and
 * the clients the tests use.
 */
final class TlsServers {

    static final Duration WAIT = Duration.ofSeconds(20);

    private TlsServers() {
    }

    /** A server keeping its data (the self-signed certificate) in {@code dataDir}. */
    static ParleyServer start(Path dataDir, Map<String, String> settings) throws IOException {
        Config config = Config.of(Map.of("host", "127.0.0.1", "port", "0", "data-dir", dataDir.toString()))
                .withAll(settings);
        List<Plugin> plugins = new ArrayList<>(PluginScanner.scanBootLayer().plugins());
        plugins.add(Plugin.builder("tls-test").command(Conn::new).build());
        ParleyServer server = ParleyServer.start(config, plugins, List.of());
        if (!server.failures().isEmpty()) {
            server.close();
            throw new IllegalStateException("plugins failed: " + server.failures());
        }
        return server;
    }

    /** A real ClientHello, as the JDK's client engine writes it first. */
    static byte[] clientHello() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        javax.net.ssl.SSLEngine engine = context.createSSLEngine("127.0.0.1", 1);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(java.nio.ByteBuffer.allocate(0), out);
        return java.util.Arrays.copyOf(out.array(), out.position());
    }

    /** The fingerprint of the self-signed certificate a server made in {@code dataDir}. */
    static Fingerprint selfSigned(Path dataDir) throws IOException {
        return Fingerprint.of(Pem.certificates(dataDir.resolve("tls").resolve(SelfSigned.CERT_FILE)).get(0));
    }

    static ParleyClient tlsClient(ParleyServer server, ServerTrust trust) throws IOException {
        return ParleyClient.connect(new TlsConnector(trust), "127.0.0.1", server.address().getPort(),
                ParleyClient.Options.defaults());
    }

    /** What {@code CONN} answers, e.g. {@code tls/tcp/framed secure=true}. */
    static String conn(ParleyClient client) {
        return client.call(Message.of("CONN"), WAIT).text("text");
    }

    /** A legacy (text) client inside TLS: an SSLSocket that trusts the certificate with this fingerprint. */
    static SSLSocket legacyTls(ParleyServer server, Fingerprint pin) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new FingerprintTrustManager(seen -> seen.equals(pin) ? null : "not pinned")},
                new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", server.address().getPort());
        socket.setSoTimeout((int) WAIT.toMillis());
        socket.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        socket.startHandshake();
        return socket;
    }

    static Socket plain(ParleyServer server) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", server.address().getPort()));
        socket.setSoTimeout((int) WAIT.toMillis());
        return socket;
    }

    static void writeLine(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static BufferedReader lines(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    /** True when the server closed the socket (end of stream or reset) before the read timeout. */
    static boolean closedByServer(Socket socket) throws IOException {
        try {
            while (socket.getInputStream().read() >= 0) {
                // drain what came before the end
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** {@code CONN} → {@code CONN_IS "<protocol> secure=<flag>"}. */
    static final class Conn implements Command {
        @Override
        public String verb() {
            return "CONN";
        }

        @Override
        public boolean requiresLogin() {
            return false;
        }

        @Override
        public void handle(Request request) {
            request.reply(Message.of("CONN_IS").put("text",
                    request.session().protocol() + " secure=" + request.session().secure()));
        }
    }
}
