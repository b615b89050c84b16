package parley.transport.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * A real WebSocket client for the tests: the JDK's {@link java.net.http.WebSocket}, each text message
 * parsed as JSON, binary messages kept as they came, and the close code the server sent.
 */
final class WsClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BlockingQueue<JsonNode> texts = new LinkedBlockingQueue<>();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    /** The server's close: "code reason". */
    final CompletableFuture<String> closed = new CompletableFuture<>();
    private final HttpClient http;
    final WebSocket socket;

    private WsClient(HttpClient http, URI uri) {
        this.http = http;
        this.socket = http.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(uri, new Listener()).join();
    }

    static WsClient open(int port) {
        return new WsClient(HttpClient.newHttpClient(), URI.create("ws://127.0.0.1:" + port + "/ws"));
    }

    static WsClient openSecure(int port, SSLContext tls) {
        return new WsClient(HttpClient.newBuilder().sslContext(tls).build(), URI.create("wss://127.0.0.1:" + port + "/ws"));
    }

    /** Sends one JSON message as one text message. */
    void send(String json) {
        socket.sendText(json, true).join();
    }

    void sendBinary(byte[] payload) {
        socket.sendBinary(ByteBuffer.wrap(payload), true).join();
    }

    /** The next text message of this type, skipping others (PINGs are answered). */
    JsonNode await(String type) throws InterruptedException {
        return await(m -> m.path("type").asText().equals(type), type);
    }

    JsonNode await(Predicate<JsonNode> matching, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode message = texts.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message == null) {
                throw new AssertionError("no " + what + " within " + WAIT.toSeconds() + " s; closed: " + closed.getNow("no"));
            }
            if (matching.test(message)) {
                return message;
            }
        }
    }

    byte[] awaitBinary() throws InterruptedException {
        byte[] data = binaries.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (data == null) {
            throw new AssertionError("no binary message within " + WAIT.toSeconds() + " s");
        }
        return data;
    }

    /** The server's close, "code reason". */
    String awaitClose() throws Exception {
        return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
        http.close();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                JsonNode message = JSON.readTree(text.toString());
                text.setLength(0);
                if (message.path("type").asText().equals("PING")) {
                    webSocket.sendText("{\"type\":\"PONG\",\"seq\":" + message.path("seq").asLong() + "}", true);
                }
                texts.add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            binary.writeBytes(bytes);
            if (last) {
                binaries.add(binary.toByteArray());
                binary.reset();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode + " " + reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete("error " + error);
        }
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
