package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;

/**
 * The attacks that once took a server down, against a real server process with a 256 MiB heap: two
 * thousand connections each announcing a frame of almost 1 MiB and sending five bytes of it (once, a
 * 1 MiB buffer each: an OutOfMemoryError), and two hundred text clients asking for HELP thousands of
 * times and never reading. The server keeps serving a client that chats, and serves as before once the
 * attackers are gone.
 */
class MemoryAttackTest {

    @TempDir
    Path temp;

    @Test
    void halfSentLargeFramesAndClientsThatNeverReadCannotExhaustA256MiBServer() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS);
        // loopback is exempt from the per-address limits by default; the attack comes from one address here
        try (LauncherProcess server = LauncherProcess.withJvmOptions(List.of("-Xmx256m"), "server", "--port", "0",
                "--host", "127.0.0.1", "--plugins", plugins.toString(), "--set", "ip-limit-exempt=",
                "--set", "max-connections-per-ip=5000", "--set", "new-connections-per-ip=0",
                "--set", "max-frame-bytes=1MiB", "--set", "legacy-idle-timeout=0", "--set", "login-timeout=0")) {
            int port = server.awaitListening(TestPlugins.LONG);
            List<Socket> attackers = new ArrayList<>();
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
                alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                byte[] halfFrame = {0x00, 0x0F, (byte) 0xFF, (byte) 0xF0, '{', '"', 't', 'y', 'p'};
                for (int i = 0; i < 2000; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    attackers.add(socket);
                    socket.getOutputStream().write(halfFrame);
                }
                byte[] asks = "HELP\n".repeat(3000).getBytes();
                for (int i = 0; i < 200; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    attackers.add(socket);
                    OutputStream out = socket.getOutputStream();
                    out.write(asks);
                }
                for (int i = 0; i < 20; i++) {
                    assertThat(alice.call(Message.of("MSG").put("room", "room1").put("msg", "still here " + i),
                            TestPlugins.LONG).type()).isEqualTo("OK");
                }
            } finally {
                for (Socket socket : attackers) {
                    closeQuietly(socket);
                }
            }
            try (ParleyClient bob = TestPlugins.connect(port)) {
                bob.login("bob");
                bob.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                assertThat(bob.call(Message.of("MSG").put("room", "room1").put("msg", "after"), TestPlugins.LONG).type())
                        .isEqualTo("OK");
            }
            assertThat(server.stderr()).noneMatch(l -> l.contains("OutOfMemoryError"));
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // gone already
        }
    }
}
