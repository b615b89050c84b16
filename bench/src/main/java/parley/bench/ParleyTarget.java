package parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Parley server from a built tree ({@code ./parley build}): its launcher's modules, a plugins folder,
 * the heap given, and the settings a benchmark needs (room for the idle connections).
 */
final class ParleyTarget extends Target {

    private final Path tree;
    private final Path plugins;
    private final String heap;
    private final List<String> settings;
    private final List<String> jvmOptions;

    ParleyTarget(String name, Path tree, Path plugins, String heap, List<String> settings, List<String> jvmOptions) {
        super(name, new ParleyWire());
        this.tree = tree;
        this.plugins = plugins;
        this.heap = heap;
        this.settings = settings;
        this.jvmOptions = jvmOptions;
    }

    @Override
    List<String> command(int port) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx" + heap, treeJvmOptions()));
        command.addAll(jvmOptions);
        Path launcher = tree.resolve("launcher/target");
        command.addAll(List.of("-Dparley.home=" + tree, "-p", launcher.resolve("parley-launcher.jar") + ":" + launcher.resolve("lib"),
                "-m", "parley.launcher/parley.launcher.Main", "server", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--plugins", plugins.toString()));
        settings.forEach(s -> command.addAll(List.of("--set", s)));
        return command;
    }

    /**
     * The JVM options the tree's {@code ./parley server} runs with (its {@code launcher/src/dist/jvm.options},
     * as an argument file), so that each tree is measured as its users run it; a tree from before that
     * file ran with this one option.
     */
    String treeJvmOptions() {
        Path file = tree.resolve("launcher/src/dist/jvm.options");
        return Files.isRegularFile(file) ? "@" + file : "-XX:+ExitOnOutOfMemoryError";
    }

    @Override
    long heapBytes() throws IOException {
        return jvmLiveHeap(pid());
    }
}
