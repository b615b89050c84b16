package parley.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import parley.api.Message;
import parley.api.client.ParleyClient;
import parley.api.server.ParleyServer;
import parley.api.wire.Json;
import parley.rooms.api.client.Chat;
import parley.testkit.TestServer;
import tools.jackson.databind.node.ObjectNode;

/**
 * A real server from the test kit (a free loopback port, the plugins of the test module path: files,
 * rooms, TCP), its spool in a test's temporary directory; and the files tests' own helpers.
 */
final class FilesServer {

    static final Duration LONG = Duration.ofSeconds(30);

    private FilesServer() {
    }

    static ParleyServer start(Path spool, Map<String, String> settings) throws IOException {
        // no resume window: these tests drop members and expect them gone from the rooms at once
        Map<String, String> all = new HashMap<>(Map.of("files.spool-dir", spool.toString(), "resume-window", "0"));
        all.putAll(settings);
        return TestServer.start(all);
    }

    static ParleyServer start(Path spool) throws IOException {
        return start(spool, Map.of());
    }

    static ParleyClient client(ParleyServer server) throws IOException {
        return TestServer.client(server);
    }

    /** A client logged in as {@code pseudo} and joined to {@code rooms}. */
    static ParleyClient member(ParleyServer server, String pseudo, String... rooms) throws IOException {
        ParleyClient client = client(server);
        client.login(pseudo);
        for (String room : rooms) {
            Chat.join(client, room);
        }
        return client;
    }

    /** The spool's entries, by name: only {@code f-*.data} and {@code f-*.json} when nothing is in progress. */
    static List<String> entries(Path spool) {
        try (Stream<Path> list = Files.list(spool)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A SEND_FILE's meta. */
    static ObjectNode meta(String filename, long size, String sha256) {
        ObjectNode meta = Json.object();
        meta.put("filename", filename);
        meta.put("size", size);
        if (sha256 != null) {
            meta.put("sha256", sha256);
        }
        return meta;
    }

    /** A chunked SEND_FILE (no data). */
    static Message sendFile(String room, String filename, long size, String sha256) {
        return Message.of(FileVerbs.SEND_FILE).put("room", room).put("meta", meta(filename, size, sha256));
    }

    /** Deterministic bytes for a test file. */
    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new java.util.SplittableRandom(seed).nextBytes(data);
        return data;
    }

    /** Writes {@code size} deterministic bytes to {@code path}, 1 MiB at a time, and returns their SHA-256. */
    static String generate(Path path, long size, long seed) throws IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        java.security.MessageDigest digest = Sha256.digest();
        byte[] block = new byte[1 << 20];
        try (var out = Files.newOutputStream(path)) {
            long left = size;
            while (left > 0) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                out.write(block, 0, n);
                digest.update(block, 0, n);
                left -= n;
            }
        }
        return Sha256.hex(digest);
    }
}
