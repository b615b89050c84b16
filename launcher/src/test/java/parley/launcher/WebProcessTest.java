package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web plugin as the launcher loads it: a folder in plugins/ of its jar and Netty's, whose modules
 * need jdk.unsupported from the boot layer. HTTP and a WebSocket login on the server's one port.
 * (transport-web's own tests cover the protocol in detail.)
 */
class WebProcessTest {

    @TempDir
    Path temp;

    @Test
    void theWebFolderLoadsAndServesHttpAndWebSocketOnThePort() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.WEB);
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--host", "127.0.0.1",
                "--plugins", plugins.toString())) {
            int port = server.awaitListening(TestPlugins.LONG);
            assertThat(server.stdout()).anyMatch(l -> l.contains("plugin web"));

            try (Socket socket = open(port)) {
                send(socket, "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
                String page = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(page).startsWith("HTTP/1.1 200").contains("Content-Security-Policy: default-src 'self'")
                        .containsIgnoringCase("<html");
            }
            try (Socket socket = open(port)) {
                send(socket, "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
                DataInputStream in = new DataInputStream(socket.getInputStream());
                assertThat(head(in)).startsWith("HTTP/1.1 101").contains("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
                socket.getOutputStream().write(maskedText("{\"type\":\"LOGIN\",\"pseudo\":\"alice\"}"));
                assertThat(textMessage(in)).contains("\"type\":\"DISPLAY_ROOM\"").contains("room1");
            }
        }
    }

    private static Socket open(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One short client text frame (RFC 6455: FIN, opcode 1, masked, length under 126). */
    private static byte[] maskedText(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {1, 2, 3, 4};
        byte[] frame = new byte[6 + payload.length];
        frame[0] = (byte) 0x81;
        frame[1] = (byte) (0x80 | payload.length);
        System.arraycopy(mask, 0, frame, 2, 4);
        for (int i = 0; i < payload.length; i++) {
            frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
        }
        return frame;
    }

    /** The payload of the next unfragmented, unmasked server text frame. */
    private static String textMessage(DataInputStream in) throws IOException {
        int first = in.readUnsignedByte();
        assertThat(first).isEqualTo(0x81);
        int length = in.readUnsignedByte();
        if (length == 126) {
            length = in.readUnsignedShort();
        }
        byte[] payload = in.readNBytes(length);
        return new String(payload, StandardCharsets.UTF_8);
    }
}
