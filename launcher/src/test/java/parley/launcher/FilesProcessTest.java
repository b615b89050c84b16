package parley.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.client.RefusedException;
import parley.api.client.SequenceHandle;
import parley.api.wire.Json;
import tools.jackson.databind.node.ObjectNode;

/**
 * The files plugin in real processes, loaded from its jar: a server with a small heap streaming a file
 * five times its size, a server whose disk fills up mid-upload, and the interactive client's commands.
 */
class FilesProcessTest {

    private static final Duration VERY_LONG = Duration.ofMinutes(3);

    @TempDir
    Path temp;

    @Test
    void aServerWith32MiBOfHeapStoresAndStreamsA160MiBFile() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.FILES);
        try (LauncherProcess bench = LauncherProcess.start("bench", "files", "--plugins", plugins.toString(),
                "--server-heap", "32m", "--set", "size=160MiB", "--set", "rounds=1")) {
            int exit = bench.waitFor(VERY_LONG);
            String out = String.join("\n", bench.stdout());
            assertThat(exit).as(out + "\n" + String.join("\n", bench.stderr())).isZero();
            assertThat(out).contains("server heap -Xmx32m").contains("160.0 MiB")
                    .contains("upload through the server").contains("download through the server")
                    .doesNotContain("FAILED");
            assertThat(String.join("\n", bench.stderr())).doesNotContain("OutOfMemoryError");
        }
    }

    @Test
    void aDiskThatFillsUpMidUploadEndsItWithErrorAndLeavesNothing() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.FILES);
        Path spool = temp.resolve("spool");
        // the server process may write no file over 4 MiB: its disk is "full" at 4 MiB
        try (LauncherProcess server = LauncherProcess.withFileSizeLimit(4096, "server", "--port", "0", "--host",
                "127.0.0.1", "--plugins", plugins.toString(), "--set", "files.spool-dir=" + spool)) {
            int port = server.awaitListening(TestPlugins.LONG);
            try (ParleyClient alice = TestPlugins.connect(port)) {
                alice.login("alice");
                alice.expect(Message.of("JOIN_ROOM").put("room", "room1"), "OK");
                byte[] content = new byte[8 << 20];
                new java.util.SplittableRandom(1).nextBytes(content);
                SequenceHandle upload = alice.begin(sendFile("room1", "big.bin", content), "SEND_FILE", "room1",
                        TestPlugins.LONG);
                String tag = upload.ack().get().text("id");
                for (int at = 0; at < content.length && !upload.isDone(); at += 256 * 1024) {
                    alice.sendBinary(tag, content, at, Math.min(256 * 1024, content.length - at));
                }
                if (!upload.isDone()) {
                    alice.send(Message.of("SEND_FILE_END").put("seq", tag));
                }
                assertThatThrownBy(() -> upload.await(TestPlugins.LONG)).isInstanceOf(RefusedException.class)
                        .hasMessageContaining("ERROR the server cannot store big.bin").hasMessageContaining("File too large")
                        .hasMessageContaining("nothing was kept");
                await().atMost(TestPlugins.LONG).until(() -> entries(spool).isEmpty());

                byte[] small = "it fits".getBytes();
                Message inline = sendFile("room1", "small.txt", small).put("data", Base64.getEncoder().encodeToString(small));
                ObjectNode result = alice.begin(inline, "SEND_FILE", "room1", TestPlugins.LONG).await(TestPlugins.LONG);
                assertThat(result.get("file").get("filename").stringValue()).isEqualTo("small.txt");
            }
        }
    }

    @Test
    void fileFilesAndGetInTheInteractiveClient() throws Exception {
        Path plugins = TestPlugins.directory(temp, TestPlugins.TCP, TestPlugins.ROOMS, TestPlugins.FILES);
        Path downloads = Files.createDirectories(temp.resolve("bob's downloads"));
        Path notes = Files.writeString(temp.resolve("notes.txt"), "bonjour bob\n");
        try (LauncherProcess server = LauncherProcess.start("server", "--port", "0", "--plugins", plugins.toString(),
                "--set", "files.spool-dir=" + temp.resolve("spool"))) {
            String port = Integer.toString(server.awaitListening(TestPlugins.LONG));
            try (LauncherProcess alice = LauncherProcess.start("client", "--port", port, "--pseudo", "alice",
                    "--room", "room1", "--plugins", plugins.toString());
                 LauncherProcess bob = LauncherProcess.start("client", "--port", port, "--pseudo", "bob",
                         "--room", "room1", "--plugins", plugins.toString(), "--set",
                         "files.download-dir=" + downloads)) {
                alice.awaitLine(l -> l.contains("joined room1"), TestPlugins.LONG);
                bob.awaitLine(l -> l.contains("joined room1"), TestPlugins.LONG);

                alice.type("/file " + notes);
                alice.awaitLine(l -> l.contains("sent notes.txt (12 B) to room1 as f-"), TestPlugins.LONG);
                String offer = bob.awaitLine(l -> l.contains("* alice offers notes.txt (12 B) in room1: /get f-"),
                        TestPlugins.LONG);
                String id = offer.substring(offer.indexOf("/get ") + 5).strip();

                bob.type("/files");
                bob.awaitLine(l -> l.contains(id) && l.contains("notes.txt") && l.contains("from alice"), TestPlugins.LONG);

                bob.type("/get " + id);
                bob.awaitLine(l -> l.contains("saved " + downloads.resolve("notes.txt")) && l.contains("SHA-256 verified"),
                        TestPlugins.LONG);
                assertThat(Files.readString(downloads.resolve("notes.txt"))).isEqualTo("bonjour bob\n");

                bob.type("/get " + id);
                bob.awaitLine(l -> l.contains("notes.txt was taken, so it is named notes (1).txt"), TestPlugins.LONG);
                assertThat(Files.readString(downloads.resolve("notes.txt"))).isEqualTo("bonjour bob\n");

                bob.type("/get f-nothere00");
                bob.awaitLine(l -> l.contains("! f-nothere00 not saved") && l.contains("no file 'f-nothere00'"),
                        TestPlugins.LONG);
                alice.type("/file " + temp.resolve("missing.txt"));
                alice.awaitLine(l -> l.contains("! cannot send") && l.contains("no readable file"), TestPlugins.LONG);
                bob.type("/help");
                bob.awaitLine(l -> l.contains("/get") && l.contains("never overwrite"), TestPlugins.LONG);
            }
        }
    }

    private static Message sendFile(String room, String name, byte[] content) throws Exception {
        ObjectNode meta = Json.object();
        meta.put("filename", name);
        meta.put("size", content.length);
        meta.put("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        return Message.of("SEND_FILE").put("room", room).put("meta", meta);
    }

    private static java.util.List<Path> entries(Path dir) throws java.io.IOException {
        if (!Files.isDirectory(dir)) {
            return java.util.List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }
}
