package parley.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import parley.api.client.ParleyClient;
import parley.api.plugin.Plugin;
import parley.api.plugin.PluginScanner;
import parley.api.transport.ClientConnector;

/** The project's plugin jars as the build staged them, copied into test plugins directories. */
final class TestPlugins {

    static final String ROOMS_API = "parley-rooms-api.jar";
    static final String TCP = "parley-transport-tcp.jar";
    static final String ROOMS = "parley-feature-rooms.jar";
    static final String VOTE = "parley-feature-vote.jar";
    static final String DICE = "dice-plugin.jar";
    static final String P2P = "parley-transport-p2p.jar";
    static final String FILES = "parley-feature-files.jar";
    static final String TLS = "parley-transport-tls.jar";
    /** The history plugin and H2: a folder. */
    static final String HISTORY = "parley-feature-history";
    /** A plugin that brings libraries: a folder of its jar and theirs. */
    static final String METRICS = "metrics";
    /** The web plugin: a folder of its jar and Netty's. */
    static final String WEB = "web";

    private TestPlugins() {
    }

    static Path staged() {
        return Path.of(System.getProperty("parley.test.plugins"));
    }

    /**
     * A new plugins directory under {@code parent} holding these staged jars, and the rooms API that the
     * rooms, vote, files and dice plugins read, when one of them is there.
     */
    static Path directory(Path parent, String... jars) throws IOException {
        Path dir = Files.createDirectories(parent.resolve("plugins-" + System.nanoTime()));
        for (String jar : jars) {
            Path source = staged().resolve(jar);
            if (Files.isDirectory(source)) {
                Files.createDirectories(dir.resolve(jar));
                try (var files = Files.list(source)) {
                    for (Path file : files.toList()) {
                        Files.copy(file, dir.resolve(jar).resolve(file.getFileName().toString()));
                    }
                }
                if (jar.equals(HISTORY) && !Files.exists(dir.resolve(ROOMS_API))) {
                    Files.copy(staged().resolve(ROOMS_API), dir.resolve(ROOMS_API));
                }
                continue;
            }
            Files.copy(source, dir.resolve(jar));
            if (List.of(ROOMS, VOTE, FILES, DICE).contains(jar) && !Files.exists(dir.resolve(ROOMS_API))) {
                Files.copy(staged().resolve(ROOMS_API), dir.resolve(ROOMS_API));
            }
        }
        return dir;
    }

    /** A client connected through the TCP plugin loaded from its jar, as the launcher does. */
    static ParleyClient connect(int port) throws IOException {
        return ParleyClient.connect(connector(), "127.0.0.1", port, ParleyClient.Options.defaults());
    }

    private static ClientConnector connector() {
        PluginScanner.Result found = PluginLoader.load(onlyTcp());
        return found.plugins().stream()
                .flatMap(p -> p.connectors().stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no connector in " + TCP + ": " + found.failures()))
                .get();
    }

    private static Path onlyTcp() {
        try {
            Path dir = Files.createTempDirectory("parley-tcp-only");
            Files.copy(staged().resolve(TCP), dir.resolve(TCP));
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> names(List<Plugin> plugins) {
        return plugins.stream().map(Plugin::name).toList();
    }

    static final Duration LONG = Duration.ofSeconds(30);
}
